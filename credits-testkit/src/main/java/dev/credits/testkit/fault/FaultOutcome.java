package dev.credits.testkit.fault;

import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.spi.WalletKey;
import dev.credits.testkit.StoreAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The final state of one scenario run, reduced to what must not depend on faults: balances, the
 * ledgers (without order ids, which a retried order creation changes), the paid order, and what
 * the gateway did.
 */
record FaultOutcome(Map<String, Long> balances, Map<String, List<String>> ledgers, String paidOrder,
    int paidOrders, int refundsMade, int intentsCreated, List<String> orders, List<String> invariantProblems) {

  static FaultOutcome of(FaultScenario run) {
    StoreAudit audit = StoreAudit.of(run.store().delegate(), run.clock().instant(), List.of(FaultScenario.ALICE));
    Map<String, Long> balances = new TreeMap<>();
    for (Map.Entry<WalletKey, Long> b : audit.balances().entrySet()) {
      balances.put(b.getKey().offerGroup(), b.getValue());
    }
    Map<String, List<String>> ledgers = new TreeMap<>();
    for (Map.Entry<WalletKey, List<LedgerEntry>> l : audit.ledgers().entrySet()) {
      List<String> lines = new ArrayList<>();
      for (LedgerEntry e : l.getValue()) {
        lines.add(e.seq() + " " + e.type() + " " + e.amount() + " -> " + e.balanceAfter() + " hold=" + e.holdId()
            + " key=" + e.idempotencyKey() + " at=" + e.at());
      }
      ledgers.put(l.getKey().offerGroup(), lines);
    }
    String paid = "none";
    int paidOrders = 0;
    List<String> orders = new ArrayList<>();
    for (Order o : audit.orders()) {
      if (o.payment() != null) { // orders a retried unkeyed creation duplicated never got a payment
        orders.add(o.offerId() + " x" + o.quantity() + " " + o.status() + " kept=" + o.netCollected() + " refunded="
            + o.refunded() + " processor=" + run.gateway().netCollected(o.id()));
      }
      if (o.status() == OrderStatus.PAID || o.status() == OrderStatus.REFUNDED) {
        paidOrders++;
      }
      if (o.id().equals(run.paidOrder())) {
        paid = o.status() + " granted=" + o.granted() + " refunded=" + o.refunded() + " refunds=" + o.refunds().size();
      }
    }
    List<String> problems = new ArrayList<>(audit.ledgerProblems());
    problems.addAll(audit.grantProblems());
    problems.addAll(audit.overdraftProblems(Map.of()));
    java.util.Collections.sort(orders);
    return new FaultOutcome(balances, ledgers, paid, paidOrders, run.gateway().refundsMade(),
        run.gateway().intentsCreated(), List.copyOf(orders), problems);
  }

  /** What differs from a fault-free run, plus this run's own broken invariants. */
  List<String> problemsAgainst(FaultOutcome reference) {
    List<String> out = new ArrayList<>(invariantProblems);
    same(out, "balances", reference.balances, balances);
    if (!reference.ledgers.equals(ledgers)) {
      out.add("ledger differs: expected " + reference.ledgers + " but was " + ledgers);
    }
    same(out, "paid order", reference.paidOrder, paidOrder);
    same(out, "paid orders", reference.paidOrders, paidOrders);
    same(out, "gateway refunds", reference.refundsMade, refundsMade);
    same(out, "payments started", reference.intentsCreated, intentsCreated);
    same(out, "orders with a payment", reference.orders, orders);
    return out;
  }

  private static void same(List<String> out, String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      out.add(what + ": expected " + expected + " but was " + actual);
    }
  }
}

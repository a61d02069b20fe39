package dev.credits.testkit.stress;

import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.testkit.StoreAudit;
import dev.credits.testkit.stress.Bookkeeping.RefundRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The end-of-run checks: the store's final state against the invariants and against the books. */
final class StressInvariants {
  private final StressWorld world;
  private final Bookkeeping books;
  private final StoreAudit audit;
  private final long operations;

  StressInvariants(StressWorld world, StoreAudit audit, long operations) {
    this.world = world;
    this.operations = operations;
    this.books = world.books;
    this.audit = audit;
  }

  List<InvariantResult> check() {
    return List.of(overdraft(), ledger(), grants(), consumptions(), refunds(),
        InvariantResult.of(Bookkeeping.REPLAY, "a repeated idempotency key returns the first result",
            books.counts().getOrDefault("consumption replays", 0L) + books.counts().getOrDefault("refund replays", 0L),
            books.violations(Bookkeeping.REPLAY)),
        InvariantResult.of(Bookkeeping.UNEXPECTED, "no call failed with an unexpected exception", operations,
            books.violations(Bookkeeping.UNEXPECTED)));
  }

  private InvariantResult overdraft() {
    List<String> problems = new ArrayList<>(books.violations(Bookkeeping.OVERDRAFT));
    problems.addAll(audit.overdraftProblems(StressWorld.OVERDRAFT));
    return InvariantResult.of(Bookkeeping.OVERDRAFT, "no balance, in a result or at the end, is below its limit",
        audit.balances().size(), problems);
  }

  private InvariantResult ledger() {
    return InvariantResult.of("ledger-sums-to-balance", "after a final sweep every ledger sums to its balance",
        audit.ledgers().size(), audit.ledgerProblems());
  }

  private InvariantResult grants() {
    List<String> problems = new ArrayList<>(audit.grantProblems());
    Map<OrderId, Order> byId = new HashMap<>();
    for (Order o : audit.orders()) {
      byId.put(o.id(), o);
    }
    for (OrderId id : books.created) {
      if (!byId.containsKey(id)) {
        problems.add("order " + id + " was created but is not in the store");
      }
    }
    for (OrderId id : books.seenPaid) {
      Order o = byId.get(id);
      if (o == null || o.status() != OrderStatus.PAID && o.status() != OrderStatus.REFUNDED) {
        problems.add("order " + id + " was answered as PAID but ended " + (o == null ? "missing" : o.status()));
      }
    }
    return InvariantResult.of("paid-orders-granted-once", "each paid order is granted exactly once, others never",
        audit.orders().size(), problems);
  }

  private InvariantResult consumptions() {
    List<String> problems = new ArrayList<>();
    List<LedgerEntry> consumed = audit.entries(LedgerEntryType.CONSUME);
    long debited = -audit.sum(LedgerEntryType.CONSUME);
    if (debited != books.expectedConsumed()) {
      problems.add("CONSUME entries debit " + debited + " tokens, successful consumptions spent "
          + books.expectedConsumed());
    }
    if (consumed.size() != books.expectedConsumptions()) {
      problems.add(consumed.size() + " CONSUME entries for " + books.expectedConsumptions()
          + " distinct successful consumptions");
    }
    Set<String> keys = new HashSet<>();
    for (LedgerEntry e : consumed) {
      if (e.idempotencyKey() != null && !keys.add(e.userId().value() + "/" + e.offerGroup() + "/" + e.idempotencyKey())) {
        problems.add("key " + e.idempotencyKey() + " debited " + e.userId() + "/" + e.offerGroup() + " twice");
      }
    }
    return InvariantResult.of("consumptions-debited-once",
        "CONSUME entries debit exactly the distinct successful consumptions", consumed.size(), problems);
  }

  private InvariantResult refunds() {
    List<String> problems = new ArrayList<>(books.violations(Bookkeeping.REFUNDS));
    Map<OrderId, Long> expected = new HashMap<>();
    for (RefundRequest r : books.refunds.values()) {
      expected.merge(r.order(), r.amount().minor(), Long::sum);
    }
    Map<String, Long> reversed = new HashMap<>();
    for (LedgerEntry e : audit.entries(LedgerEntryType.REFUND)) {
      if (e.orderId() != null) {
        reversed.merge(e.orderId(), -e.amount(), Long::sum);
      }
    }
    for (Order o : audit.orders()) {
      long want = expected.getOrDefault(o.id(), 0L);
      Money refunded = o.refunded();
      if (refunded.minor() != want) {
        problems.add("order " + o.id() + " records " + refunded + " refunded, successful refunds add up to " + want);
      }
      long planned = o.plan().stream().mapToLong(p -> p.tokens()).sum();
      long share = o.total().isZero() ? 0 : planned * refunded.minor() / o.total().minor();
      long taken = reversed.getOrDefault(o.id().value(), 0L);
      if (taken > share && o.status() != OrderStatus.REFUNDED) {
        problems.add("order " + o.id() + " had " + taken + " tokens reversed for a refunded share of " + share);
      }
      if (o.status() == OrderStatus.REFUNDED && refunded.minor() != o.total().minor()) {
        problems.add("order " + o.id() + " is REFUNDED with only " + refunded + " of " + o.total() + " refunded");
      }
    }
    return InvariantResult.of(Bookkeeping.REFUNDS, "each successful refund is recorded once and reverses its share",
        books.refunds.size(), problems);
  }
}

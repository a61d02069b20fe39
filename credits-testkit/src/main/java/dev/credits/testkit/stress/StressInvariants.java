package dev.credits.testkit.stress;

import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletEngine;
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
  /** The idempotency key prefix of the charge a lost dispute makes in an overdraft group. */
  private static final String DISPUTE_CHARGE = "credits-dispute-debt:";

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
    List<InvariantResult> results = new ArrayList<>(List.of(overdraft(), ledger(), grants(), consumptions(), refunds(),
        InvariantResult.of(Bookkeeping.REPLAY, "a repeated idempotency key returns the first result",
            books.counts().getOrDefault("consumption replays", 0L) + books.counts().getOrDefault("refund replays", 0L),
            books.violations(Bookkeeping.REPLAY)),
        InvariantResult.of(Bookkeeping.UNEXPECTED, "no call failed with an unexpected exception", operations,
            books.violations(Bookkeeping.UNEXPECTED))));
    if (world.lifecycle) {
      results.add(moneyAndTokens());
    }
    return List.copyOf(results);
  }

  /** Lifecycle mode: the library's money agrees with the processor's, and the tokens with the money. */
  private InvariantResult moneyAndTokens() {
    List<String> problems = new ArrayList<>();
    Map<String, List<Grant>> grantsByOrder = new HashMap<>();
    for (Wallet w : audit.wallets().values()) {
      for (Grant g : WalletEngine.view(w, audit.at()).grants()) {
        if (g.state() == GrantState.FROZEN) {
          problems.add("grant " + g.id() + " is still frozen after every dispute closed");
        }
        if (g.orderId() != null) {
          grantsByOrder.computeIfAbsent(g.orderId().value(), k -> new ArrayList<>()).add(g);
        }
      }
    }
    for (Order o : audit.orders()) {
      long kept = o.netCollected().minor();
      long processor = world.gateway.netCollected(o.id());
      if (kept != processor) {
        problems.add("order " + o.id() + " (" + o.status() + ") records " + kept + " collected and kept, the processor "
            + "holds " + processor);
      }
      List<Grant> grants = grantsByOrder.getOrDefault(o.id().value(), List.of());
      if (kept > 0 && (o.status() != OrderStatus.PAID || !o.granted())) {
        problems.add("order " + o.id() + " keeps " + kept + " but is " + o.status() + (o.granted() ? "" : ", not granted"));
      }
      if (kept == 0) {
        for (Grant g : grants) {
          if (g.state() == GrantState.ACTIVE && g.remaining() > 0) {
            problems.add("order " + o.id() + " keeps no money but its grant " + g.id() + " has " + g.remaining()
                + " tokens left");
          }
        }
      }
      if (kept > 0 && kept == o.total().minor()) {
        for (int i = 0; i < o.plan().size(); i++) {
          String id = o.id().value() + "#" + i;
          boolean present = grants.stream().anyMatch(g -> g.id().equals(id) && g.state() != GrantState.REVOKED);
          if (!present && o.plan().get(i).cycle().end(o.createdAt(), 1).isEmpty()) {
            problems.add("order " + o.id() + " keeps all its money but its never-expiring grant " + id
                + " is gone or revoked");
          }
        }
      }
      if (o.refunded().isZero()) {
        for (Grant g : grants) {
          if (g.reversed() != 0) {
            problems.add("order " + o.id() + " has nothing refunded but grant " + g.id() + " has " + g.reversed()
                + " tokens reversed");
          }
        }
      }
    }
    return InvariantResult.of("money-and-tokens-agree", "every order keeps what the processor holds, and tokens follow",
        audit.orders().size(), problems);
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
    // A lost dispute's charge in an overdraft group is a CONSUME the library makes, keyed by the dispute.
    List<LedgerEntry> consumed = new ArrayList<>();
    List<LedgerEntry> charges = new ArrayList<>();
    for (LedgerEntry e : audit.entries(LedgerEntryType.CONSUME)) {
      boolean charge = e.idempotencyKey() != null && e.idempotencyKey().startsWith(DISPUTE_CHARGE);
      (charge ? charges : consumed).add(e);
      if (charge && StressWorld.limit(e.offerGroup()) == 0) {
        problems.add("a lost dispute charged " + e.userId() + "/" + e.offerGroup() + ", a group without overdraft");
      }
    }
    long debited = -consumed.stream().mapToLong(LedgerEntry::amount).sum();
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
      if (!books.failedRefunds.contains(r.key())) {
        expected.merge(r.order(), r.amount().minor(), Long::sum);
      }
    }
    Map<String, Long> reversed = new HashMap<>();
    for (LedgerEntry e : audit.entries(LedgerEntryType.REFUND)) {
      if (e.orderId() != null) {
        reversed.merge(e.orderId(), -e.amount(), Long::sum);
      }
    }
    for (LedgerEntry e : audit.entries(LedgerEntryType.REFUND_FAILED)) {
      reversed.merge(e.orderId(), -e.amount(), Long::sum);
    }
    Set<String> grantIds = new HashSet<>();
    for (Wallet w : audit.wallets().values()) {
      for (Grant g : w.grants()) {
        grantIds.add(g.id());
      }
    }
    for (Order o : audit.orders()) {
      long want = expected.getOrDefault(o.id(), 0L);
      for (dev.credits.core.model.Refund r : o.refunds()) {
        if (!r.failed() && r.idempotencyKey() != null && r.idempotencyKey().startsWith("dispute:")) {
          want += r.amount().minor(); // a lost dispute: checked against the processor by money-and-tokens-agree
        }
      }
      want = Math.min(want, o.total().minor()); // a lost dispute and a refund of the same money count once
      Money refunded = o.refunded();
      if (refunded.minor() != want) {
        problems.add("order " + o.id() + " records " + refunded + " refunded, successful refunds add up to " + want);
      }
      long planned = o.plan().stream().mapToLong(p -> p.tokens()).sum();
      long share = o.total().isZero() ? 0 : planned * refunded.minor() / o.total().minor();
      long taken = reversed.getOrDefault(o.id().value(), 0L);
      // A grant that ended and left the wallet cannot be given back what a failed refund took: its
      // period is over, so nothing would be spendable (money-and-tokens-agree checks the others).
      boolean ended = world.lifecycle && o.plan().size() > 0
          && java.util.stream.IntStream.range(0, o.plan().size()).anyMatch(i -> !grantIds.contains(o.id().value() + "#" + i));
      if (taken > share && o.status() != OrderStatus.REFUNDED && !ended) {
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

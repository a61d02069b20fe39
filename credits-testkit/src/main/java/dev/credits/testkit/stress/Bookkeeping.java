package dev.credits.testkit.stress;

import dev.credits.core.model.Consumption;
import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What SHOULD be true, kept by the workers from the results the facade returned, independently of
 * the store: which consumptions succeeded (a key counts once), which orders were seen paid, which
 * refunds succeeded, and what went wrong during the run. Thread-safe.
 */
final class Bookkeeping {
  static final String OVERDRAFT = "balance-within-overdraft";
  static final String REPLAY = "idempotent-replays";
  static final String UNEXPECTED = "no-unexpected-errors";
  static final String REFUNDS = "refunds-recorded-once";

  /** A keyed consumption request, kept so that another thread may send it again. */
  record ConsumeRequest(UserId user, String group, long count, String key) {}

  /** A paid order, kept so that a later operation may refund it. */
  record PaidOrder(OrderId order, UserId user) {}

  /** A refund request, kept so that it may be sent again with the same key. */
  record RefundRequest(OrderId order, UserId user, Money amount, String key) {}

  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private final Map<String, Queue<String>> violations = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> violationCounts = new ConcurrentHashMap<>();

  final LongAdder unkeyedSpent = new LongAdder();
  final LongAdder unkeyedCount = new LongAdder();
  /** (user/group/key) to the first successful result of that key. */
  final Map<String, Consumption.Spent> keyedSpent = new ConcurrentHashMap<>();
  final Set<OrderId> created = ConcurrentHashMap.newKeySet();
  final Set<OrderId> seenPaid = ConcurrentHashMap.newKeySet();
  /** refund key to the refund that succeeded with it. */
  final Map<String, RefundRequest> refunds = new ConcurrentHashMap<>();
  /** Keys of successful refunds that later failed at the processor (lifecycle mode). */
  final Set<String> failedRefunds = ConcurrentHashMap.newKeySet();

  final AtomicReferenceArray<ConsumeRequest> recentConsumes = new AtomicReferenceArray<>(256);
  final AtomicReferenceArray<PaidOrder> paidOrders = new AtomicReferenceArray<>(512);
  final AtomicReferenceArray<RefundRequest> recentRefunds = new AtomicReferenceArray<>(64);

  void count(String what) {
    counts.merge(what, 1L, Long::sum);
  }

  void count(String what, long n) {
    counts.merge(what, n, Long::sum);
  }

  Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  void violation(String invariant, String message) {
    violationCounts.computeIfAbsent(invariant, i -> new LongAdder()).increment();
    Queue<String> q = violations.computeIfAbsent(invariant, i -> new ConcurrentLinkedQueue<>());
    if (q.size() < InvariantResult.MAX_PROBLEMS) {
      q.add(message);
    }
  }

  /** The problems seen during the run for one invariant (at most a few lines kept, all counted). */
  List<String> violations(String invariant) {
    List<String> out = new ArrayList<>(violations.getOrDefault(invariant, new ConcurrentLinkedQueue<>()));
    long total = violationCounts.containsKey(invariant) ? violationCounts.get(invariant).sum() : 0;
    while (out.size() < total) {
      out.add("(one more problem of the same kind)");
    }
    return out;
  }

  /** Records a successful spend; a key counts once, and every replay must return the same ledger entry. */
  void spent(ConsumeRequest request, Consumption.Spent spent) {
    if (request.key() == null) {
      unkeyedSpent.add(request.count());
      unkeyedCount.increment();
      return;
    }
    String id = request.user().value() + "/" + request.group() + "/" + request.key();
    Consumption.Spent first = keyedSpent.putIfAbsent(id, spent);
    if (first != null && first.ledgerSeq() != spent.ledgerSeq()) {
      violation(REPLAY, "consumption key " + id + " answered with ledger entry " + spent.ledgerSeq() + " after "
          + first.ledgerSeq());
    }
  }

  long expectedConsumed() {
    long sum = unkeyedSpent.sum();
    for (Consumption.Spent s : keyedSpent.values()) {
      sum += s.count();
    }
    return sum;
  }

  long expectedConsumptions() {
    return unkeyedCount.sum() + keyedSpent.size();
  }
}

package dev.credits.core.model;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One purchase of an offer by a user. Immutable: every change returns a new order whose
 * {@code version} is one higher, and stores replace an order only if they still hold the version
 * the change was computed from (optimistic concurrency).
 *
 * <p>The total is always computed by the library from the offer, never taken from the caller, and
 * what the order grants is fixed in its {@code plan} when it is created.
 *
 * @param id identifier
 * @param userId the buyer
 * @param offerId what was bought
 * @param quantity units, at least 1
 * @param total price of all units, computed from the offer
 * @param status current status
 * @param payment processor data, or null before a payment was started
 * @param refunds refunds so far, oldest first
 * @param plan what the order grants once paid
 * @param history every status change, oldest first
 * @param createdAt creation time
 * @param updatedAt last change time
 * @param paymentDeadline a pending order expires when this passes
 * @param granted whether the tokens of a paid order have all been granted
 * @param version optimistic-concurrency version, 0 at creation
 */
public record Order(
    OrderId id,
    UserId userId,
    OfferId offerId,
    long quantity,
    Money total,
    OrderStatus status,
    PaymentInfo payment,
    List<Refund> refunds,
    List<GrantPlan> plan,
    List<StatusChange> history,
    Instant createdAt,
    Instant updatedAt,
    Instant paymentDeadline,
    boolean granted,
    long version) {

  /**
   * Validates the order and copies its lists.
   *
   * @param id identifier
   * @param userId the buyer
   * @param offerId what was bought
   * @param quantity units, at least 1
   * @param total price of all units, computed from the offer
   * @param status current status
   * @param payment processor data, or null before a payment was started
   * @param refunds refunds so far, oldest first
   * @param plan what the order grants once paid
   * @param history every status change, oldest first
   * @param createdAt creation time
   * @param updatedAt last change time
   * @param paymentDeadline a pending order expires when this passes
   * @param granted whether the tokens of a paid order have all been granted
   * @param version optimistic-concurrency version, 0 at creation
   * @throws InvalidRequestException when a field breaks a rule
   */
  public Order {
    Checks.present(id, "order id");
    Checks.present(userId, "userId");
    Checks.present(offerId, "offerId");
    Checks.positive(quantity, "quantity");
    Checks.present(total, "total");
    Checks.present(status, "status");
    Checks.present(createdAt, "createdAt");
    Checks.present(updatedAt, "updatedAt");
    Checks.present(paymentDeadline, "paymentDeadline");
    Checks.notNegative(version, "version");
    refunds = List.copyOf(refunds);
    plan = List.copyOf(plan);
    history = List.copyOf(history);
    long collected = payment != null && payment.reported() != null ? payment.reported().minor() : 0;
    for (Refund r : refunds) {
      if (!r.amount().currency().equals(total.currency())) {
        throw new InvalidRequestException("refund " + r.id() + " is not in " + total.currency());
      }
      if (r.amount().minor() > Math.max(total.minor(), collected)) {
        throw new InvalidRequestException("refund " + r.id() + " exceeds what order " + id + " collected");
      }
    }
  }

  /**
   * A new pending order.
   *
   * @param id identifier
   * @param userId buyer
   * @param offerId offer
   * @param quantity units
   * @param total computed total
   * @param plan what it grants once paid
   * @param now creation time
   * @param paymentDeadline end of the payment window
   * @return the order at version 0
   */
  public static Order pending(OrderId id, UserId userId, OfferId offerId, long quantity, Money total,
      List<GrantPlan> plan, Instant now, Instant paymentDeadline) {
    return new Order(id, userId, offerId, quantity, total, OrderStatus.PENDING, null, List.of(), plan,
        List.of(new StatusChange(null, OrderStatus.PENDING, now, "created")), now, now, paymentDeadline, false, 0);
  }

  /**
   * Total refunded so far: the refunds and lost disputes that have not failed, at most what the order
   * collected. (A lost dispute is recorded for the amount the bank took, even when a refund of the
   * same money was pending: if that refund fails later, the dispute still counts.)
   *
   * @return the sum, capped at the order's total (or the collected amount when that is larger)
   */
  public Money refunded() {
    long sum = 0;
    for (Refund r : refunds) {
      sum += r.failed() ? 0 : r.amount().minor();
    }
    long collected = payment != null && payment.reported() != null ? payment.reported().minor() : 0;
    return new Money(Math.min(sum, Math.max(total.minor(), collected)), total.currency());
  }

  /**
   * What the processor collected for this order and still keeps: the amount it reported as paid,
   * less what went back (refunds, lost disputes, a refunded late payment). Zero for an unpaid order.
   *
   * @return the net collected money, in the order's currency
   */
  public Money netCollected() {
    long paid = payment != null && payment.reported() != null
        && payment.reported().currency().equals(total.currency()) ? payment.reported().minor() : 0;
    return new Money(Math.max(0, paid - refunded().minor()), total.currency());
  }

  /**
   * Whether a refund (failed or not) with this id, or started with this key, was recorded.
   *
   * @param refundId processor refund id, dispute id, event id, or the caller's refund idempotency key
   * @return true when recorded
   */
  public boolean hasRefund(String refundId) {
    for (Refund r : refunds) {
      if (r.id().equals(refundId) || refundId.equals(r.idempotencyKey())) {
        return true;
      }
    }
    return false;
  }

  /**
   * This order moved to another status, with the move recorded in the history.
   *
   * @param next target status
   * @param at when
   * @param reason why, may be empty
   * @return the changed order, version + 1
   * @throws dev.credits.core.InvalidStateException when the transition is not allowed
   */
  public Order moveTo(OrderStatus next, Instant at, String reason) {
    if (!status.canMoveTo(next)) {
      throw new InvalidStateException("order " + id + " cannot move from " + status + " to " + next);
    }
    List<StatusChange> h = new ArrayList<>(history);
    h.add(new StatusChange(status, next, at, reason));
    return new Order(id, userId, offerId, quantity, total, next, payment, refunds, plan, h, createdAt, at,
        paymentDeadline, granted, version + 1);
  }

  /**
   * This order with a note in its history that does not change its status: a failed payment attempt,
   * a replaced payment, a dispute step, a late payment. The entry's {@code from} and {@code to} are
   * both the current status.
   *
   * @param at when
   * @param reason what happened; not blank
   * @return the changed order, version + 1
   */
  public Order note(Instant at, String reason) {
    Checks.text(reason, "reason");
    List<StatusChange> h = new ArrayList<>(history);
    h.add(new StatusChange(status, status, at, reason));
    return new Order(id, userId, offerId, quantity, total, status, payment, refunds, plan, h, createdAt, at,
        paymentDeadline, granted, version + 1);
  }

  /**
   * Whether the history holds a note or move with exactly this reason.
   *
   * @param reason the reason text
   * @return true when some entry has it
   */
  public boolean hasHistory(String reason) {
    for (StatusChange c : history) {
      if (c.reason().equals(reason)) {
        return true;
      }
    }
    return false;
  }

  /**
   * This order with another payment deadline (a processing payment the order waits for).
   *
   * @param deadline the new deadline
   * @param at when
   * @return the changed order, version + 1
   */
  public Order withDeadline(Instant deadline, Instant at) {
    Checks.present(deadline, "deadline");
    return new Order(id, userId, offerId, quantity, total, status, payment, refunds, plan, history, createdAt, at,
        deadline, granted, version + 1);
  }

  /**
   * This order with processor data attached.
   *
   * @param info processor data
   * @param at when
   * @return the changed order, version + 1
   */
  public Order withPayment(PaymentInfo info, Instant at) {
    return new Order(id, userId, offerId, quantity, total, status, info, refunds, plan, history, createdAt, at,
        paymentDeadline, granted, version + 1);
  }

  /**
   * This order marked as fully granted.
   *
   * @param at when
   * @return the changed order, version + 1
   */
  public Order markGranted(Instant at) {
    return new Order(id, userId, offerId, quantity, total, status, payment, refunds, plan, history, createdAt, at,
        paymentDeadline, true, version + 1);
  }

  /**
   * This order at another version, nothing else changed. The facade uses it to make a chain of
   * changes one version step ({@code current.version() + 1}) before a compare-and-set.
   *
   * @param newVersion the version
   * @return the order at that version
   */
  public Order withVersion(long newVersion) {
    return new Order(id, userId, offerId, quantity, total, status, payment, refunds, plan, history, createdAt,
        updatedAt, paymentDeadline, granted, newVersion);
  }

  /**
   * This order with one more refund; it becomes {@link OrderStatus#REFUNDED} (in the same version
   * step) when fully refunded.
   *
   * @param refund the refund, same currency, not beyond the unrefunded rest
   * @return the changed order, version + 1
   * @throws dev.credits.core.InvalidStateException when not paid
   * @throws InvalidRequestException when in another currency, or more than the rest
   */
  public Order withRefund(Refund refund) {
    if (refund.failed()) { // a failure reported before the refund itself: recorded so it never counts
      List<Refund> r = new ArrayList<>(refunds);
      r.add(refund);
      return new Order(id, userId, offerId, quantity, total, status, payment, r, plan, history, createdAt,
          refund.at(), paymentDeadline, granted, version + 1);
    }
    if (status != OrderStatus.PAID) {
      throw new InvalidStateException("order " + id + " is " + status + ", only a PAID order can be refunded");
    }
    Money amount = refund.amount();
    if (!amount.currency().equals(total.currency()) || amount.minor() < 1
        || amount.minor() > total.minor() - refunded().minor()) {
      throw new InvalidRequestException("refund of " + amount + " does not fit order " + id + " (total "
          + total + ", refunded " + refunded() + ")");
    }
    List<Refund> r = new ArrayList<>(refunds);
    r.add(refund);
    OrderStatus nextStatus = status;
    List<StatusChange> h = history;
    if (refunded().minor() + amount.minor() == total.minor()) {
      nextStatus = OrderStatus.REFUNDED;
      h = new ArrayList<>(history);
      h.add(new StatusChange(status, nextStatus, refund.at(), "refunded in full"));
    }
    return new Order(id, userId, offerId, quantity, total, nextStatus, payment, r, plan, h, createdAt, refund.at(),
        paymentDeadline, granted, version + 1);
  }

  /**
   * This order with the refund {@code refundId} marked as failed at the processor: it no longer counts
   * in {@link #refunded()}, and a fully refunded order is PAID again (in the same version step).
   *
   * @param refundId the refund's id as recorded
   * @param at when
   * @return the changed order, version + 1, or this order when no such unfailed refund exists
   */
  public Order withRefundFailed(String refundId, Instant at) {
    List<Refund> r = new ArrayList<>(refunds);
    boolean found = false;
    for (int i = 0; i < r.size(); i++) {
      if (r.get(i).id().equals(refundId) && !r.get(i).failed()) {
        r.set(i, r.get(i).asFailed());
        found = true;
      }
    }
    if (!found) {
      return this;
    }
    Order marked = new Order(id, userId, offerId, quantity, total, status, payment, r, plan, history, createdAt, at,
        paymentDeadline, granted, version);
    OrderStatus nextStatus = status == OrderStatus.REFUNDED && marked.refunded().minor() < total.minor()
        ? OrderStatus.PAID : status;
    List<StatusChange> h = new ArrayList<>(history);
    h.add(new StatusChange(status, nextStatus, at, "refund " + refundId + " failed at the processor"));
    return new Order(id, userId, offerId, quantity, total, nextStatus, payment, r, plan, h, createdAt, at,
        paymentDeadline, granted, version + 1);
  }

  /**
   * This paid (or refunded) order with a lost dispute recorded: the bank took {@code chargeback}
   * back, whatever was refunded meanwhile. It becomes {@link OrderStatus#REFUNDED} (in the same
   * version step) when refunds and lost disputes reach the total.
   *
   * @param chargeback the money taken back, recorded with the dispute's id; at most the total
   * @param reason the history note
   * @return the changed order, version + 1
   * @throws dev.credits.core.InvalidStateException when the order is neither paid nor refunded
   */
  public Order withChargeback(Refund chargeback, String reason) {
    if (status != OrderStatus.PAID && status != OrderStatus.REFUNDED) {
      throw new InvalidStateException("order " + id + " is " + status + "; only a paid order can lose a dispute");
    }
    List<Refund> r = new ArrayList<>(refunds);
    r.add(chargeback);
    Order recorded = new Order(id, userId, offerId, quantity, total, status, payment, r, plan, history, createdAt,
        chargeback.at(), paymentDeadline, granted, version);
    OrderStatus nextStatus = recorded.refunded().minor() >= total.minor() ? OrderStatus.REFUNDED : status;
    List<StatusChange> h = new ArrayList<>(history);
    h.add(new StatusChange(status, nextStatus, chargeback.at(), reason));
    return new Order(id, userId, offerId, quantity, total, nextStatus, payment, r, plan, h, createdAt,
        chargeback.at(), paymentDeadline, granted, version + 1);
  }

  /**
   * This closed order with a late payment recorded and refunded: the processor collected money after
   * the order was closed, and the library gave it back. The status does not change.
   *
   * @param info the late payment
   * @param refund its refund, for the whole amount
   * @return the changed order, version + 1
   * @throws dev.credits.core.InvalidStateException when the order is pending, paid or refunded
   */
  public Order withLateRefund(PaymentInfo info, Refund refund) {
    if (status == OrderStatus.PENDING || status == OrderStatus.PAID || status == OrderStatus.REFUNDED) {
      throw new InvalidStateException("order " + id + " is " + status + "; only a closed order refunds late money");
    }
    List<Refund> r = new ArrayList<>(refunds);
    r.add(refund);
    List<StatusChange> h = new ArrayList<>(history);
    h.add(new StatusChange(status, status, refund.at(), "late payment " + info.reference() + " of " + info.reported()
        + " refunded as " + refund.id()));
    return new Order(id, userId, offerId, quantity, total, status, info, r, plan, h, createdAt, refund.at(),
        paymentDeadline, granted, version + 1);
  }
}

package dev.credits.core.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its life. The allowed moves are:
 * <pre>
 * PENDING → PAID | REFUSED | ERROR | CANCELLED | EXPIRED | INCONSISTENT
 * PAID    → REFUNDED            (a partial refund keeps the order PAID)
 * </pre>
 * Every other move is rejected. Only {@link #PAID} grants tokens.
 */
public enum OrderStatus {
  /** Created, waiting for payment inside its payment window. */
  PENDING,
  /** Paid; its tokens are (or are being) granted. */
  PAID,
  /** The processor declined the payment. */
  REFUSED,
  /** The processor reported a definite processing error. */
  ERROR,
  /** Cancelled by the buyer or the processor before payment. */
  CANCELLED,
  /** The payment window passed without payment. */
  EXPIRED,
  /** The processor reported a payment whose amount or currency differs from the order: nothing granted. */
  INCONSISTENT,
  /** Fully refunded; unspent tokens reversed. */
  REFUNDED;

  /**
   * Whether moving from this status to {@code next} is allowed.
   *
   * @param next the target status
   * @return true when the transition is in the table above
   */
  public boolean canMoveTo(OrderStatus next) {
    return successors().contains(next);
  }

  /**
   * The statuses this one may move to.
   *
   * @return the allowed targets, empty for a final status
   */
  public Set<OrderStatus> successors() {
    switch (this) {
      case PENDING:
        return EnumSet.of(PAID, REFUSED, ERROR, CANCELLED, EXPIRED, INCONSISTENT);
      case PAID:
        return EnumSet.of(REFUNDED);
      default:
        return EnumSet.noneOf(OrderStatus.class);
    }
  }

  /**
   * Whether no further move is possible.
   *
   * @return true for a final status
   */
  public boolean isFinal() {
    return successors().isEmpty();
  }
}

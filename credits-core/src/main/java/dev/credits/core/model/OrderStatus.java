package dev.credits.core.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its life. The allowed moves are:
 * <pre>
 * PENDING  → PAID | REFUSED | ERROR | CANCELLED | EXPIRED | INCONSISTENT
 * PAID     → REFUNDED            (a partial refund keeps the order PAID)
 * REFUNDED → PAID                (a refund failed at the processor: the money never went back)
 * REFUSED | ERROR | CANCELLED | EXPIRED → PAID | INCONSISTENT
 *                                (money arrived after the order closed, and the late-payment policy grants)
 * </pre>
 * Every other move is rejected. Only {@link #PAID} grants tokens. A declined attempt does not move an
 * order: the processor lets the customer try again, so it stays PENDING (the attempt is in its history).
 */
public enum OrderStatus {
  /** Created, waiting for payment inside its payment window. */
  PENDING,
  /** Paid; its tokens are (or are being) granted. */
  PAID,
  /** Closed when its payment window ended and the last attempt to pay had been declined. */
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
      case REFUNDED:
        return EnumSet.of(PAID);
      case REFUSED:
      case ERROR:
      case CANCELLED:
      case EXPIRED:
        return EnumSet.of(PAID, INCONSISTENT);
      default:
        return EnumSet.noneOf(OrderStatus.class);
    }
  }

  /**
   * Whether the order is closed without payment: refused, error, cancelled or expired. Money that
   * arrives for a closed order is handled by the late-payment policy.
   *
   * @return true for REFUSED, ERROR, CANCELLED and EXPIRED
   */
  public boolean isClosedUnpaid() {
    return this == REFUSED || this == ERROR || this == CANCELLED || this == EXPIRED;
  }

  /**
   * Whether no further move is possible.
   *
   * @return true for a final status (only INCONSISTENT)
   */
  public boolean isFinal() {
    return successors().isEmpty();
  }
}

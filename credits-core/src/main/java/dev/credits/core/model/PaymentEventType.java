package dev.credits.core.model;

/** Processor notifications the library acts on. */
public enum PaymentEventType {
  /** The payment succeeded; amount is what was collected. */
  PAYMENT_SUCCEEDED,
  /**
   * An attempt to pay failed (declined card, failed debit). The payment stays open at the processor and
   * the customer may try again, so the order stays payable: the attempt is recorded and published.
   */
  PAYMENT_FAILED,
  /** The payment is processing (a bank debit that settles days later): the order waits for its outcome. */
  PAYMENT_PROCESSING,
  /** The payment was cancelled at the processor; a pending order closes as CANCELLED. */
  PAYMENT_CANCELED,
  /**
   * Money was refunded. With a {@link PaymentEvent#objectId()}, amount is that refund's amount; without
   * one, amount is the total refunded on the payment so far. A gateway uses one form or the other.
   */
  REFUNDED,
  /** A refund failed or was cancelled at the processor ({@link PaymentEvent#objectId()} names it): the money never went back. */
  REFUND_FAILED,
  /** The customer disputed the charge: the order's unspent tokens are frozen. */
  DISPUTE_CREATED,
  /** A dispute was closed in the merchant's favour: frozen tokens are released. */
  DISPUTE_WON,
  /** A dispute was lost: the bank took amount back; the order's tokens are reversed as for a refund. */
  DISPUTE_LOST,
  /** Anything else: acknowledged and ignored. */
  OTHER
}

package dev.credits.core.model;

/** Processor notifications the library acts on. */
public enum PaymentEventType {
  /** The payment succeeded. */
  PAYMENT_SUCCEEDED,
  /** The payment failed (declined). */
  PAYMENT_FAILED,
  /** The payment was cancelled. */
  PAYMENT_CANCELED,
  /** Money was refunded (maybe partially); amount is the refunded total so far. */
  REFUNDED,
  /** The customer disputed the charge. */
  DISPUTE_CREATED,
  /** Anything else: acknowledged and ignored. */
  OTHER
}

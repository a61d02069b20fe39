package dev.credits.core.model;

/**
 * What the library does with money that the processor collects for an order after the order was
 * closed (cancelled, expired, refused): the customer paid with a client secret they still held, or a
 * bank debit settled after the order stopped waiting. Late money is never only logged: either way a
 * {@link dev.credits.core.event.CreditsEvent.LatePayment} event says what was done, and the order's
 * history shows it.
 */
public enum LatePaymentPolicy {
  /** The order becomes PAID and grants its tokens, as if the money had come in time. */
  GRANT,
  /** The whole amount is refunded through the gateway; the order stays closed and grants nothing. */
  REFUND
}

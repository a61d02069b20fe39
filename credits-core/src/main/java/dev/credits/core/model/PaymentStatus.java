package dev.credits.core.model;

/**
 * What the processor says about a payment. {@link Unknown} (a timeout, a 5xx) is never a decline:
 * the order stays pending and can be checked again.
 */
public sealed interface PaymentStatus {
  /**
   * The processor's payment id.
   *
   * @return the reference
   */
  String reference();

  /**
   * Money was collected. The library grants only if amount and currency match the order.
   *
   * @param reference payment id
   * @param amount what was collected
   */
  record Succeeded(String reference, Money amount) implements PaymentStatus {}

  /**
   * Not finished: processing, or waiting for the customer (3-D Secure, a payment method).
   *
   * @param reference payment id
   * @param detail the processor's status, e.g. {@code requires_action}
   */
  record Pending(String reference, String detail) implements PaymentStatus {}

  /**
   * Declined; the order is refused.
   *
   * @param reference payment id
   * @param reason the processor's reason
   */
  record Declined(String reference, String reason) implements PaymentStatus {}

  /**
   * Cancelled at the processor; the order is cancelled.
   *
   * @param reference payment id
   * @param reason why
   */
  record Canceled(String reference, String reason) implements PaymentStatus {}

  /**
   * The outcome could not be learned (timeout, network, server error). Nothing changes.
   *
   * @param reference payment id
   * @param reason what failed
   */
  record Unknown(String reference, String reason) implements PaymentStatus {}
}

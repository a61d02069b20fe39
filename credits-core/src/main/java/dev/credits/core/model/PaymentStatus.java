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
   * Not finished: processing, or waiting for the customer (3-D Secure, a payment method). With
   * detail {@code processing}, an order whose window ends waits for the outcome instead of closing.
   *
   * @param reference payment id
   * @param detail the processor's status, e.g. {@code requires_action}
   */
  record Pending(String reference, String detail) implements PaymentStatus {}

  /**
   * An attempt to pay failed (a declined card, a failed debit). The payment stays open at the
   * processor, so the order stays pending and payable: the attempt is recorded in its history and
   * published. An order whose window ends while its last attempt is a declined one closes as
   * {@link OrderStatus#REFUSED}.
   *
   * @param reference payment id
   * @param reason the processor's reason
   */
  record Declined(String reference, String reason) implements PaymentStatus {}

  /**
   * Cancelled at the processor: a pending order it is reported for is cancelled, and the answer to a
   * cancel lets an order that is being closed close.
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

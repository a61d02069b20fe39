package dev.credits.core.model;

/**
 * A payment started at the processor, for the client to complete.
 *
 * @param orderId the order
 * @param processor the gateway name
 * @param reference the processor's payment id
 * @param clientSecret what the client-side SDK needs to complete payment; never logged, may be null
 * @param amount what will be collected
 */
public record PaymentIntent(OrderId orderId, String processor, String reference, String clientSecret, Money amount) {
  @Override
  public String toString() {
    return "PaymentIntent[orderId=" + orderId + ", processor=" + processor + ", reference=" + reference
        + ", amount=" + amount + "]";
  }
}

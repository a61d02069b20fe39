package dev.credits.core.model;

import dev.credits.core.internal.Checks;

/**
 * The processor's side of an order's payment (one record fits several processors).
 *
 * @param processor the gateway name, e.g. {@code stripe}, {@code simulated}, {@code free}
 * @param reference the processor's payment id, e.g. a PaymentIntent id
 * @param reported the amount the processor last reported as paid, or null
 */
public record PaymentInfo(String processor, String reference, Money reported) {
  /**
   * Validates the record.
   *
   * @param processor the gateway name, e.g. {@code stripe}, {@code simulated}, {@code free}
   * @param reference the processor's payment id, e.g. a PaymentIntent id
   * @param reported the amount the processor last reported as paid, or null
   * @throws dev.credits.core.InvalidRequestException on a blank processor or reference
   */
  public PaymentInfo {
    Checks.text(processor, "processor");
    Checks.text(reference, "payment reference");
  }
}

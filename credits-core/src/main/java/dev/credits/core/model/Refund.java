package dev.credits.core.model;

import dev.credits.core.internal.Checks;
import java.time.Instant;

/**
 * Money given back on an order.
 *
 * @param id the processor's refund id, or the notifying event's id
 * @param idempotencyKey the caller's key for a refund started through the library, or null
 * @param amount amount of this refund
 * @param at when it was recorded
 */
public record Refund(String id, String idempotencyKey, Money amount, Instant at) {
  /**
   * Validates the refund.
   *
   * @param id the processor's refund id, or the notifying event's id
   * @param idempotencyKey the caller's key for a refund started through the library, or null
   * @param amount amount of this refund
   * @param at when it was recorded
   * @throws dev.credits.core.InvalidRequestException on missing fields
   */
  public Refund {
    Checks.text(id, "refund id");
    Checks.present(amount, "amount");
    Checks.present(at, "at");
  }
}

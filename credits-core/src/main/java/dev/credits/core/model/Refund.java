package dev.credits.core.model;

import dev.credits.core.internal.Checks;
import java.time.Instant;

/**
 * Money given back on an order: a refund, or a lost dispute (the bank took it back).
 *
 * @param id the processor's refund or dispute id, or the notifying event's id
 * @param idempotencyKey the caller's key for a refund started through the library; {@code notified:<id>}
 *     for a refund the processor reported one by one, {@code dispute:<id>} for a lost dispute,
 *     {@code late:<reference>} for refunded late money; null for a cumulative notification
 * @param amount amount of this refund
 * @param at when it was recorded
 * @param failed true when the processor reported that it failed or was cancelled: the money never went
 *     back, so it does not count in {@link Order#refunded()}
 */
public record Refund(String id, String idempotencyKey, Money amount, Instant at, boolean failed) {
  /**
   * Validates the refund.
   *
   * @param id the processor's refund id, or the notifying event's id
   * @param idempotencyKey the caller's key for a refund started through the library, or null
   * @param amount amount of this refund
   * @param at when it was recorded
   * @param failed whether it failed at the processor
   * @throws dev.credits.core.InvalidRequestException on missing fields
   */
  public Refund {
    Checks.text(id, "refund id");
    Checks.present(amount, "amount");
    Checks.present(at, "at");
  }

  /**
   * A refund that has not failed.
   *
   * @param id the processor's refund id, or the notifying event's id
   * @param idempotencyKey the caller's key, or null
   * @param amount amount of this refund
   * @param at when it was recorded
   * @throws dev.credits.core.InvalidRequestException on missing fields
   */
  public Refund(String id, String idempotencyKey, Money amount, Instant at) {
    this(id, idempotencyKey, amount, at, false);
  }

  /**
   * This refund marked as failed at the processor.
   *
   * @return the failed refund
   */
  public Refund asFailed() {
    return new Refund(id, idempotencyKey, amount, at, true);
  }
}

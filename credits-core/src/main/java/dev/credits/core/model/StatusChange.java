package dev.credits.core.model;

import dev.credits.core.internal.Checks;
import java.time.Instant;

/**
 * One entry of an order's status history.
 *
 * @param from previous status, or null for creation
 * @param to new status
 * @param at when it happened
 * @param reason why, e.g. the processor's decline reason; may be empty, never null
 */
public record StatusChange(OrderStatus from, OrderStatus to, Instant at, String reason) {
  /**
   * Validates the entry.
   *
   * @param from previous status, or null for creation
   * @param to new status
   * @param at when it happened
   * @param reason why, e.g. the processor's decline reason; may be empty, never null
   * @throws dev.credits.core.InvalidRequestException on a missing status or time
   */
  public StatusChange {
    Checks.present(to, "status");
    Checks.present(at, "time");
    reason = reason == null ? "" : reason;
  }
}

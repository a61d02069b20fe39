package dev.credits.core.model;

import java.util.List;

/**
 * What {@code checkForExpiredOrders} did and found.
 *
 * @param expired EXPIRE (and hold RELEASE) ledger entries written now for periods that had ended
 * @param expiredOrders pending orders whose payment window passed, now EXPIRED
 * @param warnings groups expiring soon or running low
 */
public record ExpiryReport(List<LedgerEntry> expired, List<Order> expiredOrders, List<Warning> warnings) {
  /**
   * Copies the lists.
   *
   * @param expired EXPIRE (and hold RELEASE) ledger entries written now for periods that had ended
   * @param expiredOrders pending orders whose payment window passed, now EXPIRED
   * @param warnings groups expiring soon or running low
   */
  public ExpiryReport {
    expired = List.copyOf(expired);
    expiredOrders = List.copyOf(expiredOrders);
    warnings = List.copyOf(warnings);
  }
}

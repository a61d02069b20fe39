package dev.credits.core.model;

/** Where a subscription period stands at a given instant. */
public enum SubscriptionStatus {
  /** Paid and its period has not started yet (chained after the current one). */
  PENDING,
  /** Paid and inside its period. */
  ACTIVE,
  /** Its period ended (or it was refunded). */
  EXPIRED
}

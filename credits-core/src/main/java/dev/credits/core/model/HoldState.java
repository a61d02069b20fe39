package dev.credits.core.model;

/** Life of a hold. */
public enum HoldState {
  /** Tokens reserved; not spendable by anything else. */
  ACTIVE,
  /** Some or all tokens spent; the rest returned. */
  CAPTURED,
  /** All tokens returned by the caller. */
  RELEASED,
  /** All tokens returned because the hold passed its expiry. */
  EXPIRED
}

package dev.credits.core.model;

/** Life of a grant. */
public enum GrantState {
  /** Bought, but its period starts later (periods chained with appendDate); not spendable yet. */
  SCHEDULED,
  /** Inside its period: its remaining tokens count in the balance. */
  ACTIVE,
  /** Its period ended; whatever remained was written off with an EXPIRE ledger entry. */
  EXPIRED,
  /** Reversed by a full refund; it no longer counts, not even as an active subscription. */
  REVOKED,
  /**
   * Its order's payment is disputed: the remaining tokens are not spendable (a DISPUTE ledger entry
   * took them out of the balance) but still shown. A won dispute makes it ACTIVE again, a lost one
   * REVOKED.
   */
  FROZEN
}

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
  REVOKED
}

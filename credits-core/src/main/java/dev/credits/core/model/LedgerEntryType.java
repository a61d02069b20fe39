package dev.credits.core.model;

/** What a ledger entry records. The sign of its amount is the effect on the spendable balance. */
public enum LedgerEntryType {
  /** A grant became active: +initial. */
  GRANT,
  /** Tokens spent: -count. */
  CONSUME,
  /** Tokens reserved by a hold: -amount. */
  HOLD,
  /** A hold captured: +the part not spent (the spent part left the balance at HOLD time). */
  CAPTURE,
  /** A hold released or expired: +amount. */
  RELEASE,
  /** A grant's period ended with tokens left: -remaining. */
  EXPIRE,
  /** A refund reversed unspent tokens: -reversed. */
  REFUND,
  /** A manual correction: signed. */
  ADJUSTMENT,
  /**
   * A dispute froze an order's unspent tokens (-frozen) or, won, released them (+released). A lost
   * dispute revokes the frozen tokens without another entry: they already left the balance.
   */
  DISPUTE,
  /** A refund failed or was cancelled at the processor: +the tokens its reversal took back. */
  REFUND_FAILED
}

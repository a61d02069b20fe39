package dev.credits.core.model;

/**
 * What closing a hold did.
 *
 * @param hold the hold in its final state
 * @param spent tokens spent by a capture (0 for a release)
 * @param returned tokens returned to the balance (some may expire at once if their grant ended meanwhile)
 * @param balance spendable balance after
 * @param ledgerSeq the CAPTURE or RELEASE ledger entry
 */
public record HoldSettlement(Hold hold, long spent, long returned, long balance, long ledgerSeq) {}

package dev.credits.core.model;

import dev.credits.core.internal.Checks;
import java.time.Instant;

/**
 * One append-only line of a (user, group) ledger. For every user and group, once due expiries are
 * recorded, the amounts sum to the balance and {@code balanceAfter} is the running sum.
 *
 * @param seq position in this (user, group) ledger, from 1, without gaps
 * @param userId owner
 * @param offerGroup group
 * @param type what happened
 * @param amount signed effect on the spendable balance
 * @param balanceAfter spendable balance right after (negative while in overdraft)
 * @param orderId related order, or null
 * @param holdId related hold, or null
 * @param grantId related grant, or null
 * @param idempotencyKey the caller's key, or null
 * @param at when it took effect (an expiry is dated at the grant's end, even if recorded later)
 */
public record LedgerEntry(
    long seq,
    UserId userId,
    String offerGroup,
    LedgerEntryType type,
    long amount,
    long balanceAfter,
    String orderId,
    String holdId,
    String grantId,
    String idempotencyKey,
    Instant at) {

  /**
   * Validates the entry.
   *
   * @param seq position in this (user, group) ledger, from 1, without gaps
   * @param userId owner
   * @param offerGroup group
   * @param type what happened
   * @param amount signed effect on the spendable balance
   * @param balanceAfter spendable balance right after (negative while in overdraft)
   * @param orderId related order, or null
   * @param holdId related hold, or null
   * @param grantId related grant, or null
   * @param idempotencyKey the caller's key, or null
   * @param at when it took effect (an expiry is dated at the grant's end, even if recorded later)
   * @throws dev.credits.core.InvalidRequestException on missing fields
   */
  public LedgerEntry {
    Checks.positive(seq, "seq");
    Checks.present(userId, "userId");
    Checks.text(offerGroup, "offerGroup");
    Checks.present(type, "type");
    Checks.present(at, "at");
  }
}

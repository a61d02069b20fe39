package dev.credits.core.model;

import dev.credits.core.internal.Checks;
import java.time.Instant;

/**
 * A block of tokens activated in one offer group by a paid order (or an adjustment).
 * Spending burns the grant that expires first (never-expiring last), then the older one first.
 *
 * @param id identifier, derived from the source (e.g. {@code order-42#0}) so a replay is recognised
 * @param userId owner
 * @param offerGroup group
 * @param offerId the offer it came from, or null for an adjustment
 * @param orderId the order it came from, or null for an adjustment
 * @param subscription whether it comes from a subscription offer (its period counts as an active subscription)
 * @param initial tokens granted
 * @param remaining tokens not yet spent, held, reversed or expired
 * @param reversed tokens taken back by refunds
 * @param starts start of its period
 * @param expires end of its period (exclusive), or null for never
 * @param state life state
 */
public record Grant(
    String id,
    UserId userId,
    String offerGroup,
    OfferId offerId,
    OrderId orderId,
    boolean subscription,
    long initial,
    long remaining,
    long reversed,
    Instant starts,
    Instant expires,
    GrantState state) {

  /**
   * Validates the grant.
   *
   * @param id identifier, derived from the source (e.g. {@code order-42#0}) so a replay is recognised
   * @param userId owner
   * @param offerGroup group
   * @param offerId the offer it came from, or null for an adjustment
   * @param orderId the order it came from, or null for an adjustment
   * @param subscription whether it comes from a subscription offer (its period counts as an active subscription)
   * @param initial tokens granted
   * @param remaining tokens not yet spent, held, reversed or expired
   * @param reversed tokens taken back by refunds
   * @param starts start of its period
   * @param expires end of its period (exclusive), or null for never
   * @param state life state
   * @throws dev.credits.core.InvalidRequestException on missing fields or inconsistent counts
   */
  public Grant {
    Checks.text(id, "grant id");
    Checks.present(userId, "userId");
    Checks.text(offerGroup, "offerGroup");
    Checks.notNegative(initial, "initial tokens");
    Checks.notNegative(remaining, "remaining tokens");
    Checks.notNegative(reversed, "reversed tokens");
    Checks.present(starts, "starts");
    Checks.present(state, "state");
  }

  /**
   * Whether the grant's period contains {@code now} (regardless of remaining tokens).
   *
   * @param now the instant
   * @return true when {@code starts <= now < expires} and not revoked
   */
  public boolean isActiveAt(Instant now) {
    return state != GrantState.REVOKED && !starts.isAfter(now) && (expires == null || now.isBefore(expires));
  }

  /**
   * This grant with other remaining tokens and state.
   *
   * @param newRemaining tokens left
   * @param newState state
   * @return the changed grant
   */
  public Grant with(long newRemaining, GrantState newState) {
    return new Grant(id, userId, offerGroup, offerId, orderId, subscription, initial, newRemaining, reversed, starts,
        expires, newState);
  }

  /**
   * This grant after a refund took back some tokens.
   *
   * @param taken tokens taken back now
   * @param newState state
   * @return the changed grant
   */
  public Grant reverse(long taken, GrantState newState) {
    return new Grant(id, userId, offerGroup, offerId, orderId, subscription, initial, remaining - taken,
        reversed + taken, starts, expires, newState);
  }
}

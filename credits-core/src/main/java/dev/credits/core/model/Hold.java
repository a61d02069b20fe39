package dev.credits.core.model;

import dev.credits.core.internal.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Tokens reserved for a long operation. While active, the tokens are taken out of their grants
 * (so nobody else can spend them); capturing spends part or all of them and returns the rest,
 * releasing or expiring returns them all.
 *
 * @param id identifier
 * @param userId owner
 * @param offerGroup group
 * @param amount tokens reserved
 * @param createdAt when reserved
 * @param expiresAt when it releases itself
 * @param allocations which grants the tokens came from
 * @param state life state
 * @param captured tokens spent by a capture (0 unless CAPTURED)
 */
public record Hold(
    HoldId id,
    UserId userId,
    String offerGroup,
    long amount,
    Instant createdAt,
    Instant expiresAt,
    List<Burn> allocations,
    HoldState state,
    long captured) {

  /**
   * Validates the hold and copies its allocations.
   *
   * @param id identifier
   * @param userId owner
   * @param offerGroup group
   * @param amount tokens reserved
   * @param createdAt when reserved
   * @param expiresAt when it releases itself
   * @param allocations which grants the tokens came from
   * @param state life state
   * @param captured tokens spent by a capture (0 unless CAPTURED)
   * @throws dev.credits.core.InvalidRequestException on missing fields or counts below 1
   */
  public Hold {
    Checks.present(id, "hold id");
    Checks.present(userId, "userId");
    Checks.text(offerGroup, "offerGroup");
    Checks.positive(amount, "hold amount");
    Checks.present(createdAt, "createdAt");
    Checks.present(expiresAt, "expiresAt");
    allocations = List.copyOf(allocations);
    Checks.present(state, "state");
  }

  /**
   * This hold in a final state.
   *
   * @param newState the final state
   * @param capturedTokens tokens spent
   * @return the changed hold
   */
  public Hold close(HoldState newState, long capturedTokens) {
    return new Hold(id, userId, offerGroup, amount, createdAt, expiresAt, allocations, newState, capturedTokens);
  }
}

package dev.credits.core.spi;

import dev.credits.core.internal.Checks;
import dev.credits.core.model.UserId;

/**
 * Names one wallet: a user's tokens in one offer group.
 *
 * @param userId the user (the natural shard key)
 * @param offerGroup the group
 */
public record WalletKey(UserId userId, String offerGroup) {
  /**
   * Validates the key.
   *
   * @param userId the user (the natural shard key)
   * @param offerGroup the group
   * @throws dev.credits.core.InvalidRequestException on a missing user or blank group
   */
  public WalletKey {
    Checks.present(userId, "userId");
    Checks.text(offerGroup, "offerGroup");
  }
}

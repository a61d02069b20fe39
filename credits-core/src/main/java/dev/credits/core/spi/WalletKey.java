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
   * @throws dev.credits.core.InvalidRequestException on a missing user, or a group that breaks the id rules of
   *     {@link dev.credits.core.model.Limits}
   */
  public WalletKey {
    Checks.present(userId, "userId");
    Checks.id(offerGroup, "offerGroup");
  }
}

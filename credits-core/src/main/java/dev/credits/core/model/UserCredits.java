package dev.credits.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a user holds, per offer group, as of {@code at}.
 *
 * @param userId the user
 * @param at the instant of the view
 * @param groups credits per group (a user with no history has none)
 */
public record UserCredits(UserId userId, Instant at, Map<String, GroupCredits> groups) {
  /**
   * Copies the map.
   *
   * @param userId the user
   * @param at the instant of the view
   * @param groups credits per group (a user with no history has none)
   */
  public UserCredits {
    groups = Map.copyOf(groups);
  }

  /**
   * The spendable balance of a group.
   *
   * @param offerGroup the group
   * @return the balance, 0 for a group the user never had
   */
  public long balance(String offerGroup) {
    GroupCredits g = groups.get(offerGroup);
    return g == null ? 0 : g.balance();
  }

  /**
   * One group's credits.
   *
   * @param offerGroup the group
   * @return its credits, or empty when the user never had that group
   */
  public Optional<GroupCredits> group(String offerGroup) {
    return Optional.ofNullable(groups.get(offerGroup));
  }
}

package dev.credits.core.model;

import dev.credits.core.internal.Checks;

/**
 * What a paid order will grant into one group, fixed when the order is created so that later
 * catalog edits never change what a buyer receives.
 *
 * @param offerGroup the group
 * @param offerId the offer the tokens come from (the bundle item's offer for a bundle item)
 * @param subscription whether it is a subscription period
 * @param tokens tokens to grant
 * @param cycle validity of one period
 * @param periods number of periods (the order quantity for a subscription, else 1)
 * @param appendDate chain after the group's last period
 */
public record GrantPlan(String offerGroup, OfferId offerId, boolean subscription, long tokens, Cycle cycle,
    long periods, boolean appendDate) {
  /**
   * Validates the plan.
   *
   * @param offerGroup the group
   * @param offerId the offer the tokens come from (the bundle item's offer for a bundle item)
   * @param subscription whether it is a subscription period
   * @param tokens tokens to grant
   * @param cycle validity of one period
   * @param periods number of periods (the order quantity for a subscription, else 1)
   * @param appendDate chain after the group's last period
   * @throws dev.credits.core.InvalidRequestException on missing fields or bad counts
   */
  public GrantPlan {
    Checks.text(offerGroup, "offerGroup");
    Checks.present(offerId, "offerId");
    Checks.notNegative(tokens, "tokens");
    Checks.present(cycle, "cycle");
    Checks.positive(periods, "periods");
  }
}

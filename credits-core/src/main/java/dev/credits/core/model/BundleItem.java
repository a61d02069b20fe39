package dev.credits.core.model;

import dev.credits.core.internal.Checks;

/**
 * One item of a bundle offer: the tokens of {@code quantity} units of another offer, granted into
 * their own group with their own period.
 *
 * @param offerId the offer whose {@code tokenCount} (and cycle, unless overridden) the item uses
 * @param offerGroup the group the item's tokens go to
 * @param quantity units of that offer per bundle unit, at least 1
 * @param cycle the item's own validity, or null to use the item offer's cycle
 */
public record BundleItem(OfferId offerId, String offerGroup, long quantity, Cycle cycle) {
  /**
   * Validates the item.
   *
   * @param offerId the offer whose {@code tokenCount} (and cycle, unless overridden) the item uses
   * @param offerGroup the group the item's tokens go to
   * @param quantity units of that offer per bundle unit, at least 1
   * @param cycle the item's own validity, or null to use the item offer's cycle
   * @throws dev.credits.core.InvalidRequestException on a missing id or group or quantity below 1
   */
  public BundleItem {
    Checks.present(offerId, "bundle item offerId");
    Checks.text(offerGroup, "bundle item offerGroup");
    Checks.positive(quantity, "bundle item quantity");
  }
}

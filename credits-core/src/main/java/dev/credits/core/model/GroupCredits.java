package dev.credits.core.model;

import java.time.Instant;
import java.util.List;

/**
 * The credits of one user in one offer group, as of the instant of the view. Expired grants are
 * never counted, even if no sweep recorded their expiry yet.
 *
 * @param offerGroup the group
 * @param balance spendable tokens (negative while in overdraft)
 * @param held tokens reserved by active holds
 * @param periodStart start of the current period (earliest active grant with an end), or null
 * @param periodEnd end of the current chain of periods (latest end among active and scheduled grants), or null
 * @param grants grants, active, scheduled and recently ended
 * @param holds active holds
 * @param subscriptions subscription periods in this group
 */
public record GroupCredits(String offerGroup, long balance, long held, Instant periodStart, Instant periodEnd,
    List<Grant> grants, List<Hold> holds, List<Subscription> subscriptions) {
  /**
   * Copies the lists.
   *
   * @param offerGroup the group
   * @param balance spendable tokens (negative while in overdraft)
   * @param held tokens reserved by active holds
   * @param periodStart start of the current period (earliest active grant with an end), or null
   * @param periodEnd end of the current chain of periods (latest end among active and scheduled grants), or null
   * @param grants grants, active, scheduled and recently ended
   * @param holds active holds
   * @param subscriptions subscription periods in this group
   */
  public GroupCredits {
    grants = List.copyOf(grants);
    holds = List.copyOf(holds);
    subscriptions = List.copyOf(subscriptions);
  }
}

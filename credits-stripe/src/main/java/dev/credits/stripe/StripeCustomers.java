package dev.credits.stripe;

import dev.credits.core.model.UserId;
import java.util.Optional;

/**
 * Tells which Stripe Customer ({@code cus_...}) stands for a user of the application, if any. The
 * application owns this mapping (usually a column next to its user record). Implementations must be
 * thread-safe and fast: the gateway calls it when it starts a payment and when it reads a balance.
 */
@FunctionalInterface
public interface StripeCustomers {
  /** No user has a Stripe Customer: payments are made as guest, and no balance is read. */
  StripeCustomers NONE = user -> Optional.empty();

  /**
   * The user's Stripe Customer id.
   *
   * @param userId the user
   * @return the customer id, or empty when the user has none
   */
  Optional<String> customerId(UserId userId);
}

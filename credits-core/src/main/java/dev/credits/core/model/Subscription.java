package dev.credits.core.model;

import java.time.Instant;

/**
 * One paid subscription period of a user, as seen at a given instant.
 *
 * @param offerId the subscription offer
 * @param orderId the order that paid it
 * @param offerGroup its group
 * @param starts period start
 * @param expires period end, or null for never
 * @param status status at the instant of the view
 */
public record Subscription(OfferId offerId, OrderId orderId, String offerGroup, Instant starts, Instant expires,
    SubscriptionStatus status) {}

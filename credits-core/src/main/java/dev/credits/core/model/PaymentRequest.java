package dev.credits.core.model;

/**
 * What the library asks a gateway to collect for an order. The amount always comes from the order.
 *
 * @param orderId the order
 * @param userId the buyer
 * @param amount what to collect, in minor units
 * @param idempotencyKey derived from the order: a retry must never create a second payment
 * @param description a human description for the processor's dashboard
 */
public record PaymentRequest(OrderId orderId, UserId userId, Money amount, String idempotencyKey,
    String description) {}

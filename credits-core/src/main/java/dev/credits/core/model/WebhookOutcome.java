package dev.credits.core.model;

/**
 * What processing a webhook did. Every outcome should be acknowledged to the processor with a 2xx.
 *
 * @param eventId the event
 * @param action what was done: {@code applied}, {@code duplicate}, {@code ignored}, {@code unknown-order}
 * @param order the order after processing, or null
 */
public record WebhookOutcome(String eventId, String action, Order order) {}

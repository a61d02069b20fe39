package dev.credits.core.model;

/**
 * What processing a webhook did. Acknowledge every outcome to the processor with a 2xx, except
 * {@code deferred} (see {@link #shouldRedeliver()}).
 *
 * @param eventId the event
 * @param action what was done: {@code applied}, {@code duplicate}, {@code ignored}, {@code unknown-order},
 *     or {@code deferred} (it arrived before an event it depends on, e.g. a refund before the payment)
 * @param order the order after processing, or null
 */
public record WebhookOutcome(String eventId, String action, Order order) {
  /**
   * Whether the event was not applied yet and must be delivered again: answer the processor with a
   * non-2xx status (e.g. 503) so it retries later. Nothing was recorded for it.
   *
   * @return true for a deferred event
   */
  public boolean shouldRedeliver() {
    return "deferred".equals(action);
  }
}

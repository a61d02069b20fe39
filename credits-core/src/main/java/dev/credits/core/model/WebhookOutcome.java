package dev.credits.core.model;

import dev.credits.core.internal.Checks;

/**
 * What processing a webhook did. Answer the processor with a 2xx, except when
 * {@link #shouldRedeliver()}: then with a 5xx (e.g. 503), so that it delivers the event again.
 *
 * @param eventId the event
 * @param action what was done
 * @param order the order after processing, or null when no order was found
 */
public record WebhookOutcome(String eventId, WebhookAction action, Order order) {
  /**
   * Validates the outcome.
   *
   * @param eventId the event
   * @param action what was done
   * @param order the order after processing, or null when no order was found
   * @throws dev.credits.core.InvalidRequestException on a missing event id or action
   */
  public WebhookOutcome {
    Checks.text(eventId, "event id");
    Checks.present(action, "action");
  }

  /**
   * Whether the event was not applied yet and must be delivered again: answer the processor with a
   * 5xx status (e.g. 503) so that it retries later. Nothing was recorded for it.
   *
   * @return true for {@link WebhookAction#DEFERRED}
   */
  public boolean shouldRedeliver() {
    return action == WebhookAction.DEFERRED;
  }
}

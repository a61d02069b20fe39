package dev.credits.core.model;

import dev.credits.core.internal.Checks;
import java.time.Instant;

/**
 * A verified, parsed processor notification.
 *
 * @param eventId the processor's event id; each is processed once
 * @param type what happened
 * @param reference the payment id it is about, or null
 * @param orderId the order named in the payment's metadata, or null
 * @param amount the amount it reports (collected, or refunded so far), or null
 * @param created when the processor created it
 */
public record PaymentEvent(String eventId, PaymentEventType type, String reference, OrderId orderId, Money amount,
    Instant created) {
  /**
   * Validates the event.
   *
   * @param eventId the processor's event id; each is processed once
   * @param type what happened
   * @param reference the payment id it is about, or null
   * @param orderId the order named in the payment's metadata, or null
   * @param amount the amount it reports (collected, or refunded so far), or null
   * @param created when the processor created it
   * @throws dev.credits.core.InvalidRequestException on a blank id or missing type
   */
  public PaymentEvent {
    Checks.text(eventId, "event id");
    Checks.present(type, "event type");
  }
}

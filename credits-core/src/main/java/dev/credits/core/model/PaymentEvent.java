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
 * @param amount the amount it reports (collected, refunded, disputed; see {@link PaymentEventType}), or null
 * @param created when the processor created it
 * @param objectId the refund or dispute it is about (the processor's id), or null
 * @param detail the processor's reason, e.g. a decline code; may be null
 */
public record PaymentEvent(String eventId, PaymentEventType type, String reference, OrderId orderId, Money amount,
    Instant created, String objectId, String detail) {
  /**
   * Validates the event.
   *
   * @param eventId the processor's event id; each is processed once
   * @param type what happened
   * @param reference the payment id it is about, or null
   * @param orderId the order named in the payment's metadata, or null
   * @param amount the amount it reports, or null
   * @param created when the processor created it
   * @param objectId the refund or dispute it is about, or null
   * @param detail the processor's reason; may be null
   * @throws dev.credits.core.InvalidRequestException on a blank id or missing type
   */
  public PaymentEvent {
    Checks.id(eventId, "event id");
    if (reference != null) {
      Checks.id(reference, "payment reference");
    }
    if (objectId != null) {
      Checks.id(objectId, "refund or dispute id");
    }
    Checks.present(type, "event type");
  }

  /**
   * An event about a payment itself (no refund or dispute id, no detail).
   *
   * @param eventId the processor's event id
   * @param type what happened
   * @param reference the payment id, or null
   * @param orderId the order, or null
   * @param amount the amount it reports, or null
   * @param created when the processor created it
   * @throws dev.credits.core.InvalidRequestException on a blank id or missing type
   */
  public PaymentEvent(String eventId, PaymentEventType type, String reference, OrderId orderId, Money amount,
      Instant created) {
    this(eventId, type, reference, orderId, amount, created, null, null);
  }
}

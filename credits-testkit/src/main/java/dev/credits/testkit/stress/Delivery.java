package dev.credits.testkit.stress;

import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import dev.credits.testkit.FakePaymentGateway;

/**
 * One thing the processor or the client does later: a client-side confirmation, a verified event, a
 * signed webhook, a failed attempt's notification, the customer paying (lifecycle mode: the
 * completions follow), or a prepared notification (a dispute step, a refund failure). Several
 * deliveries of one payment share event ids on purpose.
 *
 * @param kind how it arrives
 * @param order the order
 * @param user its buyer
 * @param eventId the processor's event id (events and webhooks)
 * @param amount what the processor collected
 * @param reference the processor's payment id
 * @param hook the prepared notification of a {@link Kind#RAW} delivery, else null
 */
record Delivery(Kind kind, OrderId order, UserId user, String eventId, Money amount, String reference,
    FakePaymentGateway.Webhook hook) {
  enum Kind { CONFIRM, EVENT, WEBHOOK, FAILED_EVENT, PAY, RAW }

  Delivery(Kind kind, OrderId order, UserId user, String eventId, Money amount, String reference) {
    this(kind, order, user, eventId, amount, reference, null);
  }
}

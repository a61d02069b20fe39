package dev.credits.testkit.stress;

import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;

/**
 * One payment completion to deliver: a client-side confirmation, a verified event, a signed webhook,
 * or a late failure notification. Several deliveries of one payment share event ids on purpose.
 *
 * @param kind how it arrives
 * @param order the order
 * @param user its buyer
 * @param eventId the processor's event id (events and webhooks)
 * @param amount what the processor collected
 * @param reference the processor's payment id
 */
record Delivery(Kind kind, OrderId order, UserId user, String eventId, Money amount, String reference) {
  enum Kind { CONFIRM, EVENT, WEBHOOK, FAILED_EVENT }
}

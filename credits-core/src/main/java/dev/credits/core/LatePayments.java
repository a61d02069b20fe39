package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.LatePaymentPolicy;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentInfo;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.Refund;
import dev.credits.core.model.RefundResult;
import dev.credits.core.ticket.Tickets;
import java.time.Instant;

/**
 * Money the processor collected for an order that was already closed. Never only logged: the policy
 * for the order's kind grants it (the order becomes PAID) or refunds it through the gateway, and a
 * {@link CreditsEvent.LatePayment} says which. Idempotent: the grant is the order's one status move,
 * the refund is keyed by the payment at the processor and recorded once on the order.
 */
final class LatePayments {
  /** The idempotency key prefix of a late payment's refund, recorded on the order. */
  static final String KEY = "late:";

  private final Context ctx;
  private final Orders orders;

  LatePayments(Context ctx, Orders orders) {
    this.ctx = ctx;
    this.orders = orders;
  }

  Order handle(Order known, PaymentStatus.Succeeded paid, String processor) {
    if (known.hasRefund(KEY + paid.reference())) {
      return known; // refunded before
    }
    if (policy(known) == LatePaymentPolicy.REFUND) {
      return refund(known, paid, processor);
    }
    Instant now = ctx.now();
    Orders.Updated updated = orders.update(known, o -> {
      if (!o.status().isClosedUnpaid()) {
        return o;
      }
      Order withInfo = o.withPayment(new PaymentInfo(processor, paid.reference(), paid.amount()), now);
      if (!paid.amount().equals(o.total())) {
        return withInfo.moveTo(OrderStatus.INCONSISTENT, now, "late payment " + paid.reference() + " of "
            + paid.amount() + " after the order was " + o.status() + "; order total is " + o.total());
      }
      return withInfo.moveTo(OrderStatus.PAID, now, "late payment " + paid.reference() + " granted; the order was "
          + o.status());
    });
    Order after = updated.order();
    if (updated.changed()) {
      CreditsEvent.LateAction action = after.status() == OrderStatus.PAID ? CreditsEvent.LateAction.GRANTED
          : CreditsEvent.LateAction.INCONSISTENT;
      ctx.publish(new CreditsEvent.LatePayment(after, paid.reference(), paid.amount(), action, null, now));
    }
    return orders.ensureGranted(after);
  }

  private Order refund(Order known, PaymentStatus.Succeeded paid, String processor) {
    Money amount = paid.amount();
    RefundResult result = ctx.gateway.refund(paid.reference(), amount, "credits-late-refund-" + paid.reference());
    Instant now = ctx.now();
    Orders.Updated updated = orders.update(known, o -> o.hasRefund(KEY + paid.reference()) || !o.status().isClosedUnpaid()
        ? o : o.withLateRefund(new PaymentInfo(processor, paid.reference(), amount),
            new Refund(result.refundId(), KEY + paid.reference(), amount, now)));
    if (updated.changed()) {
      ctx.publish(new CreditsEvent.LatePayment(updated.order(), paid.reference(), amount,
          CreditsEvent.LateAction.REFUNDED, result.refundId(), now));
    }
    return updated.order();
  }

  private LatePaymentPolicy policy(Order order) {
    if (Tickets.ticketOf(order).isPresent()) {
      return LatePaymentPolicy.REFUND; // the ticket may be someone else's by now
    }
    OfferKind kind = ctx.store.offers().find(order.offerId()).map(Offer::kind).orElse(null);
    return ctx.latePayment(kind);
  }
}

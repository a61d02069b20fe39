package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.internal.Checks;
import dev.credits.core.model.GrantPlan;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.Refund;
import dev.credits.core.model.RefundResult;
import dev.credits.core.model.WebhookOutcome;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Processor notifications and refunds. */
final class Payments {
  private static final System.Logger LOG = System.getLogger("dev.credits.core.payments");
  /** Prefix of the lease lock that serialises the refunds of one order. */
  static final String REFUND_LOCK = "credits-refund:";
  /** How long a refund may hold its order's lock if it crashes before releasing it. */
  private static final Duration REFUND_LEASE = Duration.ofMinutes(5);

  private final Context ctx;
  private final Orders orders;

  Payments(Context ctx, Orders orders) {
    this.ctx = ctx;
    this.orders = orders;
  }

  WebhookOutcome handleWebhook(String payload, Map<String, String> headers) {
    Checks.present(payload, "payload");
    Checks.present(headers, "headers");
    return handle(ctx.gateway.parseWebhook(payload, headers));
  }

  WebhookOutcome handle(PaymentEvent event) {
    Checks.present(event, "event");
    Optional<Order> found = event.orderId() != null ? ctx.store.orders().find(event.orderId())
        : event.reference() != null ? ctx.store.orders().findByPaymentReference(event.reference()) : Optional.empty();
    if (ctx.store.processedEvents().isProcessed(event.eventId())) {
      return new WebhookOutcome(event.eventId(), "duplicate", found.orElse(null));
    }
    if (found.isEmpty()) {
      LOG.log(System.Logger.Level.INFO, "event " + event.eventId() + " (" + event.type()
          + ") names no known order; acknowledged and ignored");
      ctx.store.processedEvents().markProcessed(event.eventId(), ctx.now());
      return new WebhookOutcome(event.eventId(), "unknown-order", null);
    }
    Order order = found.get();
    String reference = event.reference() != null ? event.reference()
        : order.payment() != null ? order.payment().reference() : "unknown";
    String action = "applied";
    switch (event.type()) {
      case PAYMENT_SUCCEEDED:
        PaymentStatus status = event.amount() != null ? new PaymentStatus.Succeeded(reference, event.amount())
            : ctx.gateway.inspect(reference);
        order = orders.complete(order, status, ctx.gateway.name());
        break;
      case PAYMENT_FAILED:
        order = orders.complete(order, new PaymentStatus.Declined(reference, "payment failed"), ctx.gateway.name());
        break;
      case PAYMENT_CANCELED:
        order = orders.complete(order, new PaymentStatus.Canceled(reference, "payment canceled"),
            ctx.gateway.name());
        break;
      case REFUNDED:
        if (order.status() == OrderStatus.PENDING) {
          // The success that must come first has not been applied yet: do not mark the event processed,
          // so the processor's redelivery applies it once the order is paid.
          return new WebhookOutcome(event.eventId(), "deferred", order);
        }
        order = recordRefundedTotal(order, event);
        break;
      case DISPUTE_CREATED:
        LOG.log(System.Logger.Level.WARNING, "dispute opened on order " + order.id() + " (event " + event.eventId()
            + "): review it; tokens are reversed only when money is refunded");
        action = "ignored";
        break;
      default:
        action = "ignored";
    }
    ctx.store.processedEvents().markProcessed(event.eventId(), ctx.now());
    return new WebhookOutcome(event.eventId(), action, order);
  }

  /** A processor says {@code event.amount()} has been refunded in all on the order. */
  private Order recordRefundedTotal(Order order, PaymentEvent event) {
    Money total = event.amount();
    if (total == null || !total.currency().equals(order.total().currency())) {
      LOG.log(System.Logger.Level.WARNING, "refund event " + event.eventId() + " has no usable amount; ignored");
      return order;
    }
    // Grant first (as refund() does): a crash between PAID and granting must not let a later grant
    // bring back tokens this refund already took back, since grants are never reversed afterwards.
    order = orders.ensureGranted(order);
    Instant now = ctx.now();
    Orders.Updated updated = orders.update(order.id(), o -> {
      long delta = Math.min(total.minor(), o.total().minor()) - o.refunded().minor();
      if (o.status() != OrderStatus.PAID || delta <= 0 || o.hasRefund(event.eventId())) {
        return o;
      }
      return o.withRefund(new Refund(event.eventId(), null, new Money(delta, total.currency()), now));
    });
    return reverseTokens(updated, now);
  }

  Order refund(OrderId orderId, Money amount, String idempotencyKey) {
    Checks.present(amount, "amount");
    Checks.text(idempotencyKey, "idempotencyKey");
    Order order = orders.find(orderId);
    Instant now = ctx.now();
    if (order.hasRefund(idempotencyKey)) {
      return reverseTokens(new Orders.Updated(order, false), now);
    }
    // One refund of an order at a time: otherwise two refunds can both pass the checks below, both be
    // paid out by the processor, and only one be recorded. The holder is the caller's key, so a retry
    // with the same key after a crash takes the lock straight back.
    String lock = REFUND_LOCK + orderId.value();
    String holder = "refund:" + idempotencyKey;
    if (ctx.store.locks().tryAcquire(lock, holder, now.plus(REFUND_LEASE), now).isEmpty()) {
      throw new ConflictException("another refund of order " + orderId + " is in progress; retry");
    }
    try {
      return refundLocked(orders.find(orderId), amount, idempotencyKey, now);
    } finally {
      ctx.store.locks().release(lock, holder);
    }
  }

  private Order refundLocked(Order order, Money amount, String idempotencyKey, Instant now) {
    OrderId orderId = order.id();
    if (order.hasRefund(idempotencyKey)) {
      return reverseTokens(new Orders.Updated(order, false), now);
    }
    if (order.status() != OrderStatus.PAID) {
      throw new InvalidRequestException("order " + orderId + " is " + order.status() + "; only a PAID order can be refunded");
    }
    if (!amount.currency().equals(order.total().currency()) || amount.minor() < 1
        || amount.minor() > order.total().minor() - order.refunded().minor()) {
      throw new InvalidRequestException("refund of " + amount + " does not fit order " + orderId + " (total "
          + order.total() + ", refunded " + order.refunded() + ")");
    }
    if (order.payment() == null) {
      throw new InvalidRequestException("order " + orderId + " has no payment to refund");
    }
    order = orders.ensureGranted(order);
    int knownBefore = order.refunds().size();
    RefundResult result = ctx.gateway.refund(order.payment().reference(), amount, "credits-refund-" + idempotencyKey);
    Orders.Updated updated = orders.update(orderId, o -> {
      // Covered when already recorded, or when processor notifications recorded since our read already account
      // for this money (they carry the cumulative total). Refunds made meanwhile by other library calls do not
      // cover this one: each was a separate refund at the processor.
      boolean covered = o.hasRefund(result.refundId()) || o.hasRefund(idempotencyKey)
          || notifiedSince(o, knownBefore) >= amount.minor();
      if (covered) {
        return o;
      }
      if (o.status() != OrderStatus.PAID || amount.minor() > o.total().minor() - o.refunded().minor()) {
        // Only possible when the refund lock's lease ran out mid-call: the money went back but cannot be recorded.
        throw new ConflictException("refund " + result.refundId() + " of " + amount + " was made at the processor, but"
            + " order " + orderId + " changed meanwhile (" + o.status() + ", refunded " + o.refunded()
            + "): reconcile it with the processor");
      }
      return o.withRefund(new Refund(result.refundId(), idempotencyKey, amount, now));
    });
    return reverseTokens(updated, now);
  }

  /** Money recorded from processor notifications (refunds without a caller's key) after the first {@code from} refunds. */
  private static long notifiedSince(Order order, int from) {
    long sum = 0;
    for (int i = from; i < order.refunds().size(); i++) {
      Refund r = order.refunds().get(i);
      if (r.idempotencyKey() == null) {
        sum += r.amount().minor();
      }
    }
    return sum;
  }

  /** Brings the order's grants in line with its refunded total (idempotent), publishing once per recorded refund. */
  private Order reverseTokens(Orders.Updated updated, Instant now) {
    Order order = updated.order();
    long reversed = 0;
    if (order.refunded().minor() > 0) {
      Set<String> groups = new LinkedHashSet<>();
      for (GrantPlan p : order.plan()) {
        groups.add(p.offerGroup());
      }
      for (String group : groups) {
        reversed += ctx.store.wallets().execute(new WalletCommand.Reverse(new WalletKey(order.userId(), group),
            order.id(), order.refunded().minor(), order.total().minor(), null), now);
      }
    }
    if (updated.changed()) {
      ctx.publish(new CreditsEvent.OrderRefunded(order, reversed, now));
    }
    return order;
  }
}

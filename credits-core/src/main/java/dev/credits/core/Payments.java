package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.internal.Checks;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.Refund;
import dev.credits.core.model.RefundResult;
import dev.credits.core.model.WebhookAction;
import dev.credits.core.model.WebhookOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Processor notifications and refunds. */
final class Payments {
  private static final System.Logger LOG = System.getLogger("dev.credits.core.payments");
  /** Prefix of the lease lock that serialises the refunds of one order. */
  static final String REFUND_LOCK = "credits-refund:";
  /** How long a refund may hold its order's lock if it crashes before releasing it. */
  private static final Duration REFUND_LEASE = Duration.ofMinutes(5);

  private final Context ctx;
  private final Orders orders;
  private final OrderWallets wallets;
  private final Disputes disputes;

  Payments(Context ctx, Orders orders) {
    this.ctx = ctx;
    this.orders = orders;
    this.wallets = new OrderWallets(ctx, orders);
    this.disputes = new Disputes(ctx, orders, wallets);
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
      return new WebhookOutcome(event.eventId(), WebhookAction.DUPLICATE, found.orElse(null));
    }
    if (event.type() == PaymentEventType.OTHER) {
      ctx.store.processedEvents().markProcessed(event.eventId(), ctx.now());
      return new WebhookOutcome(event.eventId(), WebhookAction.IGNORED, found.orElse(null));
    }
    if (found.isEmpty()) {
      LOG.log(System.Logger.Level.INFO, "event " + event.eventId() + " (" + event.type()
          + ") names no known order; acknowledged and ignored");
      ctx.store.processedEvents().markProcessed(event.eventId(), ctx.now());
      return new WebhookOutcome(event.eventId(), WebhookAction.UNKNOWN_ORDER, null);
    }
    Order order = found.get();
    if (!Orders.startedPayment(order, event.reference())) {
      order = foreignPayment(order, event);
      ctx.store.processedEvents().markProcessed(event.eventId(), ctx.now());
      return new WebhookOutcome(event.eventId(), WebhookAction.APPLIED, order);
    }
    String reference = event.reference() != null ? event.reference()
        : order.payment() != null ? order.payment().reference() : "unknown";
    boolean moneyEvent = event.type() == PaymentEventType.REFUNDED || event.type() == PaymentEventType.REFUND_FAILED
        || event.type() == PaymentEventType.DISPUTE_CREATED || event.type() == PaymentEventType.DISPUTE_WON
        || event.type() == PaymentEventType.DISPUTE_LOST;
    if (moneyEvent && order.status() == OrderStatus.PENDING) {
      // The success that must come first has not been applied yet: do not mark the event processed,
      // so the processor's redelivery applies it once the order is paid.
      return new WebhookOutcome(event.eventId(), WebhookAction.DEFERRED, order);
    }
    WebhookAction action = WebhookAction.APPLIED;
    switch (event.type()) {
      case PAYMENT_SUCCEEDED:
        PaymentStatus status = event.amount() != null ? new PaymentStatus.Succeeded(reference, event.amount())
            : ctx.gateway.inspect(reference);
        order = orders.complete(order, status, ctx.gateway.name());
        break;
      case PAYMENT_FAILED:
        order = orders.complete(order, new PaymentStatus.Declined(reference,
            event.detail() != null ? event.detail() : "payment failed"), ctx.gateway.name());
        break;
      case PAYMENT_PROCESSING:
        break; // the order waits: at its deadline the sweep asks the processor, which answers "processing"
      case PAYMENT_CANCELED:
        if (order.payment() != null && !order.payment().reference().equals(reference)) {
          action = WebhookAction.IGNORED; // a replaced payment was closed: the order pays through its new one
          break;
        }
        order = orders.complete(order, new PaymentStatus.Canceled(reference, "payment canceled at the processor"),
            ctx.gateway.name());
        break;
      case REFUNDED:
        order = event.objectId() != null ? recordRefund(order, event) : recordRefundedTotal(order, event);
        break;
      case REFUND_FAILED:
        order = refundFailed(order, event);
        break;
      case DISPUTE_CREATED:
      case DISPUTE_WON:
      case DISPUTE_LOST:
        order = disputes.handle(order, event);
        break;
      default:
        action = WebhookAction.IGNORED;
    }
    ctx.store.processedEvents().markProcessed(event.eventId(), ctx.now());
    return new WebhookOutcome(event.eventId(), action, order);
  }

  /**
   * A verified event whose payment is not one this order started: one payment never pays two orders.
   * A pending order becomes INCONSISTENT with both references; any other is only noted.
   */
  private Order foreignPayment(Order order, PaymentEvent event) {
    Instant now = ctx.now();
    String reason = "event " + event.eventId() + " (" + event.type() + ") names payment " + event.reference()
        + ", not this order's payment " + order.payment().reference() + "; nothing granted";
    LOG.log(System.Logger.Level.WARNING, "order " + order.id() + ": " + reason);
    Orders.Updated updated = orders.update(order, o -> o.hasHistory(reason) ? o
        : o.status() == OrderStatus.PENDING && event.type() == PaymentEventType.PAYMENT_SUCCEEDED
            ? o.moveTo(OrderStatus.INCONSISTENT, now, reason) : o.note(now, reason));
    if (updated.changed() && updated.order().status() == OrderStatus.INCONSISTENT) {
      ctx.publish(new CreditsEvent.OrderClosed(updated.order(), now));
    }
    return updated.order();
  }

  /** One refund reported by its processor id, with its own amount; recorded once, whatever else reported it. */
  private Order recordRefund(Order order, PaymentEvent event) {
    Money amount = event.amount();
    if (amount == null || !amount.currency().equals(order.total().currency())) {
      return order;
    }
    if (order.hasRefund(event.objectId())) {
      return reverseTokens(new Orders.Updated(order, false), ctx.now()); // recorded before: finish its reversal
    }
    order = orders.ensureGranted(order);
    Instant now = ctx.now();
    Orders.Updated updated = orders.update(order.id(), o -> {
      long rest = o.total().minor() - o.refunded().minor();
      if (o.status() != OrderStatus.PAID || o.hasRefund(event.objectId()) || rest <= 0) {
        return o;
      }
      return o.withRefund(new Refund(event.objectId(), NOTIFIED + event.objectId(), new Money(Math.min(rest,
          amount.minor()), amount.currency()), now));
    });
    return reverseTokens(updated, now);
  }

  /**
   * A refund failed or was cancelled at the processor: the money never went back. Its record is
   * marked failed (or recorded as failed, when the failure arrives first) and the order's tokens are
   * brought back to the level its remaining refunds pay for, once.
   */
  private Order refundFailed(Order order, PaymentEvent event) {
    String refundId = event.objectId();
    if (refundId == null) {
      LOG.log(System.Logger.Level.WARNING, "refund failure " + event.eventId() + " names no refund; ignored");
      return order;
    }
    Instant now = ctx.now();
    Money amount = event.amount() != null ? event.amount() : new Money(0, order.total().currency());
    Orders.Updated updated = orders.update(order.id(), o -> {
      for (Refund r : o.refunds()) {
        if (r.id().equals(refundId)) {
          return r.failed() ? o : o.withRefundFailed(refundId, now);
        }
      }
      return o.withRefund(new Refund(refundId, NOTIFIED + refundId, amount, now, true));
    });
    OrderWallets.Synced synced = wallets.sync(updated.order(), now);
    if (updated.changed()) {
      ctx.publish(new CreditsEvent.RefundFailed(updated.order(), refundId, -synced.reversed(), now));
    }
    return synced.order();
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
    Checks.requiredKey(idempotencyKey, "idempotencyKey");
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
      throw new InvalidStateException("order " + orderId + " is " + order.status() + "; only a PAID order can be refunded");
    }
    if (!amount.currency().equals(order.total().currency()) || amount.minor() < 1
        || amount.minor() > order.total().minor() - order.refunded().minor()) {
      throw new InvalidRequestException("refund of " + amount + " does not fit order " + orderId + " (total "
          + order.total() + ", refunded " + order.refunded() + ")");
    }
    if (order.payment() == null) {
      throw new InvalidStateException("order " + orderId + " has no payment to refund");
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

  /** The key a refund reported one by one carries (its processor id follows). */
  static final String NOTIFIED = "notified:";

  /**
   * Money recorded from cumulative processor notifications (refunds without any key) after the
   * first {@code from} refunds; refunds reported one by one and lost disputes carry keys, and never
   * cover a refund made through the library.
   */
  private static long notifiedSince(Order order, int from) {
    long sum = 0;
    for (int i = from; i < order.refunds().size(); i++) {
      Refund r = order.refunds().get(i);
      if (r.idempotencyKey() == null && !r.failed()) {
        sum += r.amount().minor();
      }
    }
    return sum;
  }

  /** Brings the order's wallets in line with it, publishing once per recorded refund. */
  private Order reverseTokens(Orders.Updated updated, Instant now) {
    OrderWallets.Synced synced = wallets.sync(updated.order(), now);
    if (updated.changed()) {
      ctx.publish(new CreditsEvent.OrderRefunded(updated.order(), synced.reversed(), now));
    }
    return synced.order();
  }
}

package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.UserId;
import java.time.Duration;
import java.time.Instant;

/**
 * Closing pending orders (the buyer's cancel, the window's end) the way processors need it: the
 * payment is cancelled at the processor first, so a client that still holds its secret cannot pay a
 * closed order. A payment that already succeeded completes the order instead; one that is
 * processing (a bank debit) keeps the order open (at the window's end it waits, at most
 * {@code processingLimit} after its creation; the buyer's cancel is refused); an answer that is not a confirmed cancel closes nothing, and the caller (or the next
 * sweep) asks again.
 */
final class Closings {
  private final Context ctx;
  private final Orders orders;

  Closings(Context ctx, Orders orders) {
    this.ctx = ctx;
    this.orders = orders;
  }

  /**
   * Cancels a pending order for its buyer, closing its payment at the processor first.
   *
   * @throws InvalidStateException when the order is paid, or its payment is processing
   * @throws PaymentGatewayException when the processor could not be asked
   */
  Order cancel(OrderId orderId, UserId userId) {
    Order order = orders.owned(orderId, userId);
    if (order.status() == OrderStatus.CANCELLED) {
      return order;
    }
    Closing closing = close(order, OrderStatus.CANCELLED, "cancelled by the buyer", false);
    if (closing.unknown() != null) {
      throw new PaymentGatewayException("could not cancel payment " + closing.unknown().reference() + " of order "
          + orderId + " at the processor (" + closing.unknown().reason() + "); the order stays pending; retry");
    }
    Order after = closing.order();
    if (after.status() == OrderStatus.PENDING) {
      throw new InvalidStateException("order " + orderId + " cannot be cancelled: its payment "
          + after.payment().reference() + " is processing at the processor");
    }
    if (after.status() != OrderStatus.CANCELLED) {
      throw new InvalidStateException("order " + orderId + " is " + after.status() + "; only a PENDING order can be"
          + " cancelled");
    }
    return after;
  }

  /** A closing attempt: the order after it, whether this call closed it, and the processor's unknown answer if any. */
  record Closing(Order order, boolean closed, PaymentStatus.Unknown unknown) {}

  /**
   * Closes a pending order, asking the processor to cancel its payment first. A payment that
   * already succeeded completes the order instead; one that is processing makes it wait (its
   * deadline moves, at most {@code processingLimit} after creation); an unknown answer changes
   * nothing. {@code atDeadline}: the window ended (only then does a waiting order move its deadline).
   */
  Closing close(Order order, OrderStatus target, String reason, boolean atDeadline) {
    if (order.status() != OrderStatus.PENDING) {
      return new Closing(order, false, null);
    }
    Instant now = ctx.now();
    boolean waitedEnough = !order.createdAt().plus(ctx.processingLimit).isAfter(now);
    if (order.payment() != null) {
      PaymentStatus status = ctx.gateway.cancel(order.payment().reference());
      if (status instanceof PaymentStatus.Unknown) {
        return new Closing(order, false, (PaymentStatus.Unknown) status);
      }
      if (status instanceof PaymentStatus.Succeeded) {
        return new Closing(orders.complete(order, status, order.payment().processor()), false, null);
      }
      boolean processing = status instanceof PaymentStatus.Pending
          && "processing".equals(((PaymentStatus.Pending) status).detail());
      if (processing && !waitedEnough) {
        return new Closing(waitForProcessing(order, status.reference(), atDeadline), false, null);
      }
      if (!(status instanceof PaymentStatus.Canceled) && !waitedEnough) {
        // The processor did not confirm the cancel: the payment may still be paid, so the order stays open.
        return new Closing(order, false, new PaymentStatus.Unknown(status.reference(),
            "the processor did not cancel the payment: " + status));
      }
    }
    OrderStatus to = target == OrderStatus.EXPIRED && lastAttemptFailed(order) ? OrderStatus.REFUSED : target;
    Orders.Updated done = orders.update(order, o -> o.status() == OrderStatus.PENDING ? o.moveTo(to, now, reason) : o);
    if (done.changed()) {
      ctx.publish(new CreditsEvent.OrderClosed(done.order(), now));
    }
    return new Closing(done.order(), done.changed(), null);
  }

  /** How long a waiting order sleeps between two questions to the processor. */
  private static final Duration PROCESSING_RECHECK = Duration.ofHours(1);

  private Order waitForProcessing(Order order, String reference, boolean atDeadline) {
    if (!atDeadline) {
      return order;
    }
    Instant now = ctx.now();
    Instant limit = order.createdAt().plus(ctx.processingLimit);
    Instant next = now.plus(PROCESSING_RECHECK).isBefore(limit) ? now.plus(PROCESSING_RECHECK) : limit;
    String note = "payment " + reference + " processing; the order waits until " + limit;
    Orders.Updated waiting = orders.update(order, o -> {
      if (o.status() != OrderStatus.PENDING || o.paymentDeadline().isAfter(now)) {
        return o;
      }
      Order moved = o.withDeadline(next, now);
      return o.hasHistory(note) ? moved : moved.note(now, note);
    });
    if (waiting.changed() && !order.hasHistory(note)) {
      ctx.publish(new CreditsEvent.PaymentProcessing(waiting.order(), reference, limit, now));
    }
    return waiting.order();
  }

  private static boolean lastAttemptFailed(Order order) {
    for (int i = order.history().size() - 1; i >= 0; i--) {
      String reason = order.history().get(i).reason();
      if (reason.startsWith(Orders.ATTEMPT_FAILED)) {
        return true;
      }
      if (reason.startsWith(Orders.REPLACED) || reason.contains(" processing; ")) {
        return false;
      }
    }
    return false;
  }

  /** Expires a pending order whose window passed (closing its payment first), telling whether this call closed it. */
  Closing expireOnce(Order order) {
    if (order.status() != OrderStatus.PENDING || order.paymentDeadline().isAfter(ctx.now())) {
      return new Closing(order, false, null);
    }
    return close(order, OrderStatus.EXPIRED, "payment window passed", true);
  }
}

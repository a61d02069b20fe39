package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.internal.OrderDesk;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** The core's parts, as the ticket module sees them: one facade's context and its order service. */
final class CoreOrderDesk implements OrderDesk {
  private final Context ctx;
  private final Orders orders;

  CoreOrderDesk(Context ctx, Orders orders) {
    this.ctx = ctx;
    this.orders = orders;
  }

  @Override
  public CreditsStore store() {
    return ctx.store;
  }

  @Override
  public Clock clock() {
    return ctx.clock;
  }

  @Override
  public Duration reservationWindow() {
    return ctx.reservationWindow;
  }

  @Override
  public String newId() {
    return ctx.ids.get();
  }

  @Override
  public void publish(CreditsEvent event) {
    ctx.publish(event);
  }

  @Override
  public void follow(Consumer<CreditsEvent> follower) {
    ctx.follow(follower);
  }

  @Override
  public Order expire(Order order) {
    return orders.expire(order);
  }

  @Override
  public PaymentIntent startPayment(OrderId orderId, UserId buyer) {
    return orders.startPayment(orderId, buyer, true);
  }

  @Override
  public Order confirm(OrderId orderId, UserId buyer) {
    return orders.confirm(orderId, buyer);
  }

  @Override
  public Order cancel(OrderId orderId, UserId buyer) {
    return orders.cancel(orderId, buyer);
  }

  @Override
  public void checkPrice(dev.credits.core.model.Money price) {
    if (price != null && !price.isZero()) {
      ctx.gateway.checkAmount(price);
    }
  }
}

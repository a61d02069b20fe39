package dev.credits.core.internal;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What the ticket module uses of the core: the facade's store, clock, ids and events, and the
 * core's order status machine (so that ticket orders are paid, cancelled and expired exactly as
 * every other order). Implemented by {@link dev.credits.core.Credits}. Not API.
 */
public interface OrderDesk {
  /**
   * The facade's store.
   *
   * @return the store
   */
  CreditsStore store();

  /**
   * The facade's clock.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * How long a ticket reservation holds before its order expires.
   *
   * @return a positive duration
   */
  Duration reservationWindow();

  /**
   * A new unique id, from the facade's id supplier.
   *
   * @return the id
   */
  String newId();

  /**
   * Publishes an event through the facade's publisher; never throws (a failing publisher is logged).
   *
   * @param event the event
   */
  void publish(CreditsEvent event);

  /**
   * Registers the one follower told of every event the facade publishes, after the publisher.
   * Order events are published once per change, by the caller whose compare-and-set made it.
   *
   * @param follower the follower; a failure it throws is logged and ignored
   */
  void follow(Consumer<CreditsEvent> follower);

  /**
   * Expires a pending order whose window passed (compare-and-set, publishing its close once);
   * returns any other order unchanged.
   *
   * @param order the order
   * @return the order after
   */
  Order expire(Order order);

  /**
   * Starts the payment of a pending order at the gateway, ticket orders included.
   *
   * @param orderId the order
   * @param buyer the caller, who must be the buyer
   * @return the payment for the client
   * @throws dev.credits.core.InvalidStateException when the order is not pending or its window passed
   * @throws dev.credits.core.PaymentGatewayException when the gateway fails
   */
  PaymentIntent startPayment(OrderId orderId, UserId buyer);

  /**
   * Asks the gateway where the order's payment stands and applies it, as
   * {@link dev.credits.core.Credits#confirmPayment}.
   *
   * @param orderId the order
   * @param buyer the caller, who must be the buyer
   * @return the order after
   */
  Order confirm(OrderId orderId, UserId buyer);

  /**
   * Cancels a pending order, as {@link dev.credits.core.Credits#cancelOrder}.
   *
   * @param orderId the order
   * @param buyer the caller, who must be the buyer
   * @return the cancelled order
   */
  Order cancel(OrderId orderId, UserId buyer);

  /**
   * Refuses a price the gateway cannot collect ({@link dev.credits.core.spi.PaymentGateway#checkAmount}).
   *
   * @param price the price
   */
  void checkPrice(dev.credits.core.model.Money price);
}

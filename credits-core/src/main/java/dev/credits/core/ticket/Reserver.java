package dev.credits.core.ticket;

import dev.credits.core.ConflictException;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.internal.Checks;
import dev.credits.core.internal.OrderDesk;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reserving: one atomic conditional write on the ticket, then the order insert. Only when the write
 * is refused does it read, to say why or to settle a paying hold whose deadline passed.
 */
final class Reserver {
  /** Attempts when the ticket turns out to be free again between a refused write and the read after it. */
  private static final int ATTEMPTS = 3;

  private final OrderDesk desk;
  private final TicketChanges changes;

  Reserver(OrderDesk desk, TicketChanges changes) {
    this.desk = desk;
    this.changes = changes;
  }

  Order reserve(TicketId ticketId, UserId buyer) {
    Checks.present(ticketId, "ticketId");
    Checks.present(buyer, "buyer");
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Instant now = desk.clock().instant();
      Instant until = Checks.plus(now, desk.reservationWindow(), "reservation end");
      OrderId orderId = OrderId.of("ord_" + desk.newId());
      Optional<Ticket> won = changes.store().reserve(ticketId, new Reservation(orderId, buyer, until, false), now);
      if (won.isPresent()) {
        return placeOrder(won.get(), orderId, buyer, now, until);
      }
      explainRefusal(ticketId, buyer);
    }
    throw new ConflictException("ticket " + ticketId + " is already reserved");
  }

  private Order placeOrder(Ticket ticket, OrderId orderId, UserId buyer, Instant now, Instant until) {
    Order order = Order.pending(orderId, buyer, Tickets.offerOf(ticket.id()), 1, ticket.price(), List.of(), now, until);
    try {
      desk.store().orders().insert(order);
    } catch (RuntimeException e) {
      try {
        changes.release(ticket.id(), orderId, now); // else the hold lapses by itself at its deadline
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    desk.publish(new CreditsEvent.OrderCreated(order, now));
    desk.publish(new CreditsEvent.TicketReserved(ticket, order, now));
    return order;
  }

  /** Throws why the reservation was refused, or returns when the ticket is free again (try again). */
  private void explainRefusal(TicketId ticketId, UserId buyer) {
    Ticket ticket = changes.find(ticketId);
    Instant now = desk.clock().instant();
    if (ticket.owner().equals(buyer)) {
      throw new InvalidRequestException("user " + buyer + " owns ticket " + ticketId + " and cannot reserve it");
    }
    if (ticket.isSold()) {
      throw new ConflictException("ticket " + ticketId + " is already sold");
    }
    Reservation hold = ticket.reservation();
    if (hold != null && hold.paying() && !hold.until().isAfter(now)) {
      settle(ticket, now);
    } else if (ticket.isReservedAt(now)) {
      throw new ConflictException("ticket " + ticketId + " is already reserved"
          + (hold.paying() ? ", a payment is in progress" : " until " + hold.until()));
    }
  }

  /**
   * A paying hold whose deadline passed ends with its order: the core expires a still-pending order
   * (compare-and-set against a concurrent payment), a paid order sells the ticket, any other releases it.
   */
  private void settle(Ticket ticket, Instant now) {
    OrderId orderId = ticket.reservation().orderId();
    Optional<Order> found = desk.store().orders().find(orderId);
    if (found.isPresent()) {
      Order order = found.get();
      if (order.status() == OrderStatus.PENDING) {
        order = desk.expire(order);
      }
      if (order.status() == OrderStatus.PAID || order.status() == OrderStatus.REFUNDED) {
        changes.sell(ticket.id(), orderId, now);
        throw new ConflictException("ticket " + ticket.id() + " is already sold");
      }
      if (order.status() == OrderStatus.PENDING) {
        throw new ConflictException("ticket " + ticket.id() + " is already reserved, a payment is in progress");
      }
    }
    changes.release(ticket.id(), orderId, now);
  }
}

package dev.credits.core.ticket;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.internal.OrderDesk;
import dev.credits.core.model.Order;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps tickets in step with their orders. The core publishes {@code OrderPaid} and
 * {@code OrderClosed} once per order, from the caller whose compare-and-set changed it (a confirm, a
 * webhook, a cancel, a sweep on any instance), so what follows here happens once per order too.
 */
final class OrderFollower implements Consumer<CreditsEvent> {
  private static final System.Logger LOG = System.getLogger("dev.credits.core.tickets");

  private final OrderDesk desk;
  private final TicketChanges changes;

  OrderFollower(OrderDesk desk, TicketChanges changes) {
    this.desk = desk;
    this.changes = changes;
  }

  @Override
  public void accept(CreditsEvent event) {
    if (event instanceof CreditsEvent.OrderClosed) {
      Order order = ((CreditsEvent.OrderClosed) event).order();
      Optional<TicketId> ticket = Tickets.ticketOf(order);
      if (ticket.isPresent()) {
        write(() -> changes.release(ticket.get(), order.id(), desk.clock().instant()), "releasing", order);
        desk.publish(new CreditsEvent.TicketReleased(ticket.get(), order, event.at()));
      }
    } else if (event instanceof CreditsEvent.OrderPaid) {
      Order order = ((CreditsEvent.OrderPaid) event).order();
      Optional<TicketId> ticket = Tickets.ticketOf(order);
      if (ticket.isPresent()) {
        write(() -> changes.sell(ticket.get(), order.id(), desk.clock().instant()), "selling", order);
        desk.publish(new CreditsEvent.TicketSold(ticket.get(), order, event.at()));
      }
    }
  }

  /**
   * A lost write here is repaired later: an unpaid hold lapses at its deadline, and a paying hold
   * whose deadline passed is settled from its order by the next reservation attempt.
   */
  private static void write(Runnable change, String what, Order order) {
    try {
      change.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, what + " the ticket of order " + order.id() + " failed; the next "
          + "reservation attempt after its deadline repairs it", e);
    }
  }
}

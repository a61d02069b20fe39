package dev.credits.core.ticket;

import dev.credits.core.ConflictException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.NotFoundException;
import dev.credits.core.internal.Checks;
import dev.credits.core.internal.OrderDesk;
import dev.credits.core.model.OrderId;
import dev.credits.core.spi.TicketStore;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** Compare-and-set changes of one ticket, re-read on a lost race: pin, unpin, release, sell. */
final class TicketChanges {
  private static final System.Logger LOG = System.getLogger("dev.credits.core.tickets");
  private static final int CAS_ATTEMPTS = 64;

  private final OrderDesk desk;

  TicketChanges(OrderDesk desk) {
    this.desk = desk;
  }

  TicketStore store() {
    return desk.store().tickets();
  }

  Ticket find(TicketId id) {
    Checks.present(id, "ticketId");
    return store().find(id).orElseThrow(() -> new NotFoundException("no ticket " + id));
  }

  /**
   * Applies a change with compare-and-set, re-reading on a lost race. The function returns its input
   * unchanged to mean "nothing to do", or throws to refuse.
   */
  Ticket update(TicketId id, UnaryOperator<Ticket> change) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      Ticket current = find(id);
      Ticket next = change.apply(current);
      if (next == current || store().replace(next)) {
        return next;
      }
    }
    throw new ConflictException("ticket " + id + " keeps changing; try again");
  }

  /**
   * Marks the order's hold as paying, so that it no longer lapses by itself. Exactly one of many
   * concurrent calls succeeds.
   *
   * @throws dev.credits.core.InvalidStateException when the order no longer holds the ticket, or is
   *     already paying
   */
  void pin(TicketId id, OrderId orderId, Instant now) {
    update(id, t -> {
      if (t.isSold()) {
        throw new InvalidStateException("ticket " + id + " is already sold");
      }
      if (!t.isReservationOf(orderId) || !t.reservation().holdsAt(now)) {
        throw new InvalidStateException("order " + orderId + " no longer holds ticket " + id
            + ": its reservation lapsed");
      }
      if (t.reservation().paying()) {
        throw new InvalidStateException("a payment was already created for order " + orderId);
      }
      return t.withReservation(t.reservation().paying(true), now);
    });
  }

  /** Undoes {@link #pin} after a payment could not be started; no-op when it no longer applies. */
  void unpin(TicketId id, OrderId orderId, Instant now) {
    update(id, t -> t.isReservationOf(orderId) && t.reservation().paying() && !t.isSold()
        ? t.withReservation(t.reservation().paying(false), now) : t);
  }

  /** Ends the order's hold; no-op when another order holds the ticket or it was sold. */
  void release(TicketId id, OrderId orderId, Instant now) {
    update(id, t -> t.isReservationOf(orderId) && !t.isSold() ? t.withReservation(null, now) : t);
  }

  /** Sells the ticket to the paid order holding it; no-op when already sold to it. */
  void sell(TicketId id, OrderId orderId, Instant now) {
    Ticket after = update(id, t -> orderId.equals(t.soldTo()) || t.isSold() || !t.isReservationOf(orderId) ? t
        : t.sold(orderId, now));
    if (!orderId.equals(after.soldTo())) {
      LOG.log(System.Logger.Level.ERROR, "order " + orderId + " was paid but ticket " + id
          + " is no longer held by it; refund the order");
    }
  }
}

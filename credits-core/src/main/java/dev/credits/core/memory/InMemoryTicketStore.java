package dev.credits.core.memory;

import dev.credits.core.ConflictException;
import dev.credits.core.spi.TicketStore;
import dev.credits.core.ticket.Reservation;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** Tickets in a concurrent map; every write is one atomic {@link Map#compute}. */
final class InMemoryTicketStore implements TicketStore {
  private final Map<TicketId, Ticket> tickets = new ConcurrentHashMap<>();
  private final NavigableSet<String> ids = new ConcurrentSkipListSet<>();

  @Override
  public void insert(Ticket ticket) {
    if (tickets.putIfAbsent(ticket.id(), ticket) != null) {
      throw new ConflictException("ticket " + ticket.id() + " already exists");
    }
    ids.add(ticket.id().value());
  }

  @Override
  public Optional<Ticket> find(TicketId id) {
    return Optional.ofNullable(tickets.get(id));
  }

  @Override
  public boolean replace(Ticket next) {
    Ticket[] stored = {null};
    tickets.computeIfPresent(next.id(), (id, current) -> {
      stored[0] = current.version() == next.version() - 1 ? next : current;
      return stored[0];
    });
    return stored[0] == next;
  }

  @Override
  public Optional<Ticket> reserve(TicketId id, Reservation reservation, Instant now) {
    Ticket[] reserved = {null};
    tickets.computeIfPresent(id, (key, current) -> {
      if (!current.canBeReservedBy(reservation.buyer(), now)) {
        return current;
      }
      reserved[0] = current.reservedFor(reservation, now);
      return reserved[0];
    });
    return Optional.ofNullable(reserved[0]);
  }

  @Override
  public List<Ticket> findAvailable(Instant now, TicketId after, int limit) {
    List<Ticket> out = new ArrayList<>();
    for (String id : after == null ? ids : ids.tailSet(after.value(), false)) {
      if (out.size() >= limit) {
        break;
      }
      Ticket t = tickets.get(TicketId.of(id));
      if (t != null && !t.isReservedAt(now)) {
        out.add(t);
      }
    }
    return out;
  }
}

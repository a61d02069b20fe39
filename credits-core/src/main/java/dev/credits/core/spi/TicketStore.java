package dev.credits.core.spi;

import dev.credits.core.ticket.Reservation;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores listed tickets with optimistic concurrency on {@link Ticket#version()}. Every method is
 * atomic per ticket and thread-safe; none spans two tickets. The orders that reserve tickets are
 * ordinary orders in {@link OrderStore}.
 */
public interface TicketStore {
  /**
   * Inserts a newly listed ticket.
   *
   * @param ticket the ticket, version 0
   * @throws dev.credits.core.ConflictException when a ticket with that id exists
   */
  void insert(Ticket ticket);

  /**
   * Reads a ticket.
   *
   * @param id the id
   * @return it, or empty
   */
  Optional<Ticket> find(TicketId id);

  /**
   * Replaces a ticket if and only if the stored version is {@code next.version() - 1}
   * (compare-and-set).
   *
   * @param next the new state
   * @return true when replaced, false when it changed first or does not exist (re-read and decide)
   */
  boolean replace(Ticket next);

  /**
   * Reserves a ticket in one atomic step: if it exists and
   * {@link Ticket#canBeReservedBy current.canBeReservedBy(reservation.buyer(), now)}, stores
   * {@link Ticket#reservedFor current.reservedFor(reservation, now)} and returns it; otherwise
   * changes nothing. Of many concurrent calls on a free ticket exactly one succeeds. This is the
   * hot path of the ticket module: an adapter does it in one round trip (a conditional update
   * that returns the new document) and never reads first.
   *
   * @param id the ticket
   * @param reservation the new hold (not paying)
   * @param now the instant that decides whether a previous hold lapsed
   * @return the reserved ticket, or empty when it is unknown, reserved, sold or the buyer's own
   */
  Optional<Ticket> reserve(TicketId id, Reservation reservation, Instant now);

  /**
   * A page of the tickets that are free at {@code now} (not {@link Ticket#isReservedAt reserved}),
   * in ascending id order (string order of {@link TicketId#value()}).
   *
   * @param now the instant
   * @param after only tickets whose id sorts after this one, or null from the start
   * @param limit at most this many, at least 1
   * @return the tickets
   */
  List<Ticket> findAvailable(Instant now, TicketId after, int limit);
}

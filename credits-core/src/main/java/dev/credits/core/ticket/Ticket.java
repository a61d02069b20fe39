package dev.credits.core.ticket;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.internal.Checks;
import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import java.time.Instant;

/**
 * A ticket a seller listed. Immutable: every change returns a new ticket whose {@code version} is
 * one higher, and stores replace a ticket only if they still hold the version the change was
 * computed from (optimistic concurrency).
 *
 * <p>A ticket is <em>reserved</em> while it is sold or its reservation still holds (see
 * {@link Reservation#holdsAt}); otherwise it is free and anyone but its owner may reserve it.
 *
 * @param id identifier
 * @param owner the seller; only the owner may edit the ticket
 * @param title what is sold, 1..{@value #MAX_TITLE} characters, not blank
 * @param price the price, at least one minor unit; the amount every order for it pays
 * @param reservation the current or last hold, or null when none
 * @param soldTo the paid order that bought it, or null while unsold
 * @param createdAt when it was listed
 * @param updatedAt when it last changed
 * @param version optimistic-concurrency version, 0 at creation
 */
public record Ticket(TicketId id, UserId owner, String title, Money price, Reservation reservation, OrderId soldTo,
    Instant createdAt, Instant updatedAt, long version) {
  /** The longest title accepted. */
  public static final int MAX_TITLE = 200;

  /**
   * Validates the ticket.
   *
   * @param id identifier
   * @param owner the seller; only the owner may edit the ticket
   * @param title what is sold, 1..{@value #MAX_TITLE} characters, not blank
   * @param price the price, at least one minor unit; the amount every order for it pays
   * @param reservation the current or last hold, or null when none
   * @param soldTo the paid order that bought it, or null while unsold
   * @param createdAt when it was listed
   * @param updatedAt when it last changed
   * @param version optimistic-concurrency version, 0 at creation
   * @throws InvalidRequestException when a field breaks a rule
   */
  public Ticket {
    Checks.present(id, "ticket id");
    Checks.present(owner, "owner");
    checkTitle(title);
    checkPrice(price);
    Checks.present(createdAt, "createdAt");
    Checks.present(updatedAt, "updatedAt");
    Checks.notNegative(version, "version");
  }

  /**
   * A newly listed ticket, free, at version 0.
   *
   * @param id identifier
   * @param owner the seller
   * @param title what is sold
   * @param price the price
   * @param now when
   * @return the ticket
   * @throws InvalidRequestException on a bad field
   */
  public static Ticket listed(TicketId id, UserId owner, String title, Money price, Instant now) {
    return new Ticket(id, owner, title, price, null, null, now, now, 0);
  }

  /**
   * Whether it was bought.
   *
   * @return true once an order for it was paid
   */
  public boolean isSold() {
    return soldTo != null;
  }

  /**
   * Whether it is reserved at {@code now}: sold, or held by a reservation.
   *
   * @param now the instant
   * @return true when nobody may reserve it
   */
  public boolean isReservedAt(Instant now) {
    return soldTo != null || reservation != null && reservation.holdsAt(now);
  }

  /**
   * Whether {@code buyer} may reserve it at {@code now}: it is not reserved and they do not own it.
   * This is the condition {@link dev.credits.core.spi.TicketStore#reserve} applies atomically.
   *
   * @param buyer who asks
   * @param now the instant
   * @return true when a reservation by {@code buyer} may be stored
   */
  public boolean canBeReservedBy(UserId buyer, Instant now) {
    return !isReservedAt(now) && !owner.equals(buyer);
  }

  /**
   * Whether this reservation's order holds it now or held it last.
   *
   * @param orderId the order
   * @return true when the (possibly lapsed) reservation is that order's
   */
  public boolean isReservationOf(OrderId orderId) {
    return reservation != null && reservation.orderId().equals(orderId);
  }

  /**
   * This ticket reserved for an order.
   *
   * @param next the new reservation
   * @param now when
   * @return the changed ticket, version + 1
   */
  public Ticket reservedFor(Reservation next, Instant now) {
    Checks.present(next, "reservation");
    return new Ticket(id, owner, title, price, next, soldTo, createdAt, now, version + 1);
  }

  /**
   * This ticket with its reservation changed (a payment started) or removed (null: released).
   *
   * @param next the reservation, or null
   * @param now when
   * @return the changed ticket, version + 1
   */
  public Ticket withReservation(Reservation next, Instant now) {
    return new Ticket(id, owner, title, price, next, soldTo, createdAt, now, version + 1);
  }

  /**
   * This ticket bought by a paid order; its reservation ends.
   *
   * @param orderId the paid order
   * @param now when
   * @return the changed ticket, version + 1
   */
  public Ticket sold(OrderId orderId, Instant now) {
    Checks.present(orderId, "orderId");
    return new Ticket(id, owner, title, price, null, orderId, createdAt, now, version + 1);
  }

  /**
   * This ticket with a new title and price.
   *
   * @param newTitle the title
   * @param newPrice the price
   * @param now when
   * @return the changed ticket, version + 1
   * @throws InvalidRequestException on a bad title or price
   */
  public Ticket edited(String newTitle, Money newPrice, Instant now) {
    return new Ticket(id, owner, newTitle, newPrice, reservation, soldTo, createdAt, now, version + 1);
  }

  private static void checkTitle(String title) {
    Checks.text(title, "title");
    if (title.length() > MAX_TITLE) {
      throw new InvalidRequestException("title must be at most " + MAX_TITLE + " characters, was " + title.length());
    }
  }

  private static void checkPrice(Money price) {
    Checks.present(price, "price");
    if (price.minor() < 1) {
      throw new InvalidRequestException("a ticket's price must be at least one minor unit, was " + price);
    }
  }
}

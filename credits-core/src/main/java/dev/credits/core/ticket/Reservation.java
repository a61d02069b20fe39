package dev.credits.core.ticket;

import dev.credits.core.internal.Checks;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import java.time.Instant;

/**
 * The hold one order has on a ticket. Until a payment is started the hold lapses by itself at
 * {@code until} (nothing has to be written for the ticket to be free again); once a payment is
 * started ({@code paying}) it lasts until the order is paid (the ticket is sold) or closed (the
 * ticket is released), so a payment that completes near the deadline can never sell the ticket
 * twice.
 *
 * @param orderId the order holding the ticket
 * @param buyer who reserved it
 * @param until when the hold lapses unless a payment was started; the order's payment deadline
 * @param paying whether a payment was started for the order
 */
public record Reservation(OrderId orderId, UserId buyer, Instant until, boolean paying) {
  /**
   * Validates the reservation.
   *
   * @param orderId the order holding the ticket
   * @param buyer who reserved it
   * @param until when the hold lapses unless a payment was started; the order's payment deadline
   * @param paying whether a payment was started for the order
   * @throws dev.credits.core.InvalidRequestException when a field is missing
   */
  public Reservation {
    Checks.present(orderId, "orderId");
    Checks.present(buyer, "buyer");
    Checks.present(until, "until");
  }

  /**
   * Whether the hold still keeps the ticket at {@code now}.
   *
   * @param now the instant
   * @return true while paying, or before {@code until}
   */
  public boolean holdsAt(Instant now) {
    return paying || until.isAfter(now);
  }

  /**
   * This reservation with a payment started (or, on a failed start, no longer started).
   *
   * @param started whether a payment is started
   * @return the changed reservation
   */
  public Reservation paying(boolean started) {
    return new Reservation(orderId, buyer, until, started);
  }
}

package dev.credits.core.event;

import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.TicketId;
import java.time.Instant;

/**
 * A domain event, published after the change it describes was stored. Delivery is in-process and
 * at-most-once per change by default; an application forwards events to a broker if it needs more.
 */
public sealed interface CreditsEvent {
  /**
   * The user concerned.
   *
   * @return the user
   */
  UserId userId();

  /**
   * When it happened, by the library's clock.
   *
   * @return the instant
   */
  Instant at();

  /**
   * An order was created.
   *
   * @param order the new order
   * @param at when
   */
  record OrderCreated(Order order, Instant at) implements CreditsEvent {
    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * An order was paid and all its tokens granted. Published once per order.
   *
   * @param order the order
   * @param at when
   */
  record OrderPaid(Order order, Instant at) implements CreditsEvent {
    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * An order ended without payment: refused, error, cancelled, expired or inconsistent (see its status).
   *
   * @param order the order in its final status
   * @param at when
   */
  record OrderClosed(Order order, Instant at) implements CreditsEvent {
    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * Money was refunded on an order (partially or fully) and unspent tokens reversed.
   *
   * @param order the order after the refund
   * @param tokensReversed tokens taken back
   * @param at when
   */
  record OrderRefunded(Order order, long tokensReversed, Instant at) implements CreditsEvent {
    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * Tokens were spent. A call retried with the same idempotency key publishes again with the same
   * {@code ledgerSeq}: consumers that must count each spend once deduplicate on (user, group, ledgerSeq).
   *
   * @param userId the user
   * @param offerGroup the group
   * @param count tokens spent
   * @param balance balance after
   * @param ledgerSeq the ledger entry that recorded the spend
   * @param at when
   */
  record TokensConsumed(UserId userId, String offerGroup, long count, long balance, long ledgerSeq, Instant at)
      implements CreditsEvent {}

  /**
   * A group's balance is below its threshold.
   *
   * @param userId the user
   * @param offerGroup the group
   * @param balance balance
   * @param threshold threshold
   * @param at when checked
   */
  record CreditsLow(UserId userId, String offerGroup, long balance, long threshold, Instant at)
      implements CreditsEvent {}

  /**
   * Tokens in a group expire soon.
   *
   * @param userId the user
   * @param offerGroup the group
   * @param tokens tokens concerned
   * @param expiresAt when
   * @param at when checked
   */
  record CreditsExpiring(UserId userId, String offerGroup, long tokens, Instant expiresAt, Instant at)
      implements CreditsEvent {}

  // ---- tickets: the orders that reserve tickets publish OrderCreated, OrderPaid and OrderClosed too ----

  /**
   * A seller listed a ticket.
   *
   * @param ticket the new ticket
   * @param at when
   */
  record TicketCreated(Ticket ticket, Instant at) implements CreditsEvent {
    @Override
    public UserId userId() {
      return ticket.owner();
    }
  }

  /**
   * A seller edited a ticket's title or price.
   *
   * @param ticket the ticket after the edit
   * @param at when
   */
  record TicketUpdated(Ticket ticket, Instant at) implements CreditsEvent {
    @Override
    public UserId userId() {
      return ticket.owner();
    }
  }

  /**
   * A buyer reserved a ticket: its order (published as {@link OrderCreated} just before) now holds it.
   *
   * @param ticket the reserved ticket
   * @param order the buyer's pending order
   * @param at when
   */
  record TicketReserved(Ticket ticket, Order order, Instant at) implements CreditsEvent {
    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * A ticket order ended unpaid (cancelled by its buyer or the processor, expired, refused, ...: see
   * the order's status) and no longer holds its ticket. Published once per such order, right after
   * its {@link OrderClosed}.
   *
   * @param ticketId the ticket
   * @param order the order in its final status
   * @param at when
   */
  record TicketReleased(TicketId ticketId, Order order, Instant at) implements CreditsEvent {
    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * A ticket order was paid: the ticket is sold to its buyer. Published once per order, right after
   * its {@link OrderPaid}.
   *
   * @param ticketId the ticket
   * @param order the paid order
   * @param at when
   */
  record TicketSold(TicketId ticketId, Order order, Instant at) implements CreditsEvent {
    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * A payment was created at the processor for a ticket order (once per order). Carries no client
   * secret.
   *
   * @param userId the buyer
   * @param ticketId the ticket
   * @param orderId the order
   * @param processor the gateway name
   * @param reference the processor's payment id
   * @param amount what will be collected: the ticket's price
   * @param at when
   */
  record TicketPaymentCreated(UserId userId, TicketId ticketId, OrderId orderId, String processor, String reference,
      Money amount, Instant at) implements CreditsEvent {}
}

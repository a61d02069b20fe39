package dev.credits.core.event;

import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.TicketId;
import java.time.Instant;

/**
 * A domain event, published after the change it describes was stored, once per effective change (a
 * replayed call publishes nothing), with a stable {@link #id()}. Delivery is in-process and at most
 * once: a crash between the store write and the publish loses the event; an application forwards
 * events to a broker if it needs more.
 */
public sealed interface CreditsEvent {
  /**
   * The user concerned.
   *
   * @return the user
   */
  UserId userId();

  /**
   * A stable id derived from the change the event reports (an order and its version or step, a
   * wallet and its ledger sequence, a ticket and its version, a warning and the state it is about):
   * the same change always has the same id, and different changes different ids, so a consumer
   * deduplicates on it.
   *
   * @return the id
   */
  String id();

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
    public String id() {
      return "order:" + order.id() + ":created";
    }

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
    public String id() {
      return "order:" + order.id() + ":paid";
    }

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
    public String id() {
      return "order:" + order.id() + ":v" + order.version();
    }

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
    public String id() {
      return "order:" + order.id() + ":v" + order.version();
    }

    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * An attempt to pay an order failed (a declined card, a failed debit). The order stays PENDING and
   * payable: the customer may try again until it closes. Published once per failed attempt.
   *
   * @param order the order after the attempt was recorded in its history
   * @param reference the processor's payment id
   * @param reason the processor's reason, e.g. {@code card_declined}
   * @param at when
   */
  record PaymentAttemptFailed(Order order, String reference, String reason, Instant at) implements CreditsEvent {
    @Override
    public String id() {
      return "order:" + order.id() + ":v" + order.version();
    }

    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * An order's payment is processing at the processor (a bank debit that settles days later), so the
   * order waits for the outcome instead of closing, at most until {@code waitsUntil}.
   *
   * @param order the order, still PENDING
   * @param reference the processor's payment id
   * @param waitsUntil when the order closes anyway if no outcome came
   * @param at when
   */
  record PaymentProcessing(Order order, String reference, Instant waitsUntil, Instant at) implements CreditsEvent {
    @Override
    public String id() {
      return "order:" + order.id() + ":v" + order.version();
    }

    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * Money arrived for an order that was already closed, and the late-payment policy handled it.
   *
   * @param order the order after handling: PAID (granted), still closed with a refund recorded
   *     (refunded), or INCONSISTENT (the amount did not match; nothing granted)
   * @param reference the processor's payment id
   * @param amount what the processor collected
   * @param action what was done
   * @param refundId the processor's refund id when refunded, else null
   * @param at when
   */
  record LatePayment(Order order, String reference, Money amount, LateAction action, String refundId, Instant at)
      implements CreditsEvent {
    @Override
    public String id() {
      return "order:" + order.id() + ":late:" + reference;
    }

    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /** What was done with late money. */
  enum LateAction {
    /** The order became PAID and granted its tokens. */
    GRANTED,
    /** The money was refunded through the gateway. */
    REFUNDED,
    /** The amount or currency did not match the order: it is INCONSISTENT, nothing granted; reconcile it. */
    INCONSISTENT
  }

  /**
   * The customer disputed an order's payment: the order's unspent tokens are frozen (not spendable,
   * still shown in the credits view) until the dispute closes.
   *
   * @param order the order
   * @param disputeId the processor's dispute id
   * @param amount the disputed amount, or null when not reported
   * @param tokensFrozen tokens frozen
   * @param at when
   */
  record DisputeOpened(Order order, String disputeId, Money amount, long tokensFrozen, Instant at)
      implements CreditsEvent {
    @Override
    public String id() {
      return "order:" + order.id() + ":dispute:" + disputeId + ":opened";
    }

    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * A dispute closed in the merchant's favour: the frozen tokens are spendable again (those whose
   * period ended meanwhile expire at once).
   *
   * @param order the order
   * @param disputeId the processor's dispute id
   * @param tokensReleased tokens released
   * @param at when
   */
  record DisputeWon(Order order, String disputeId, long tokensReleased, Instant at) implements CreditsEvent {
    @Override
    public String id() {
      return "order:" + order.id() + ":dispute:" + disputeId + ":won";
    }

    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * A dispute was lost: the bank took {@code amount} back. The order's tokens are reversed as for a
   * refund of that amount (frozen ones included). Tokens the lost money had bought that were already
   * spent (or expired) cannot be taken back: {@code tokensNotRecovered} reports them. In a group with
   * an overdraft limit they are charged to the group's balance, which may go down to minus the limit
   * ({@code tokensCharged}, at most {@code tokensNotRecovered}); in other groups nothing is charged and
   * the application decides (e.g. bills the customer).
   *
   * @param order the order, with the lost dispute recorded as a refund
   * @param disputeId the processor's dispute id
   * @param amount the money taken back
   * @param tokensReversed tokens taken back
   * @param tokensNotRecovered tokens the lost money had bought that were already spent or expired
   * @param tokensCharged of those, tokens charged to an overdraft group's balance
   * @param at when
   */
  record DisputeLost(Order order, String disputeId, Money amount, long tokensReversed, long tokensNotRecovered,
      long tokensCharged, Instant at) implements CreditsEvent {
    @Override
    public String id() {
      return "order:" + order.id() + ":dispute:" + disputeId + ":lost";
    }

    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * A refund failed or was cancelled at the processor: the money never went back, so the tokens its
   * reversal took are restored (a REFUND_FAILED ledger entry), once.
   *
   * @param order the order, with the refund marked failed (PAID again if it was fully refunded)
   * @param refundId the processor's refund id
   * @param tokensRestored tokens given back
   * @param at when
   */
  record RefundFailed(Order order, String refundId, long tokensRestored, Instant at) implements CreditsEvent {
    @Override
    public String id() {
      return "order:" + order.id() + ":refund:" + refundId + ":failed";
    }

    @Override
    public UserId userId() {
      return order.userId();
    }
  }

  /**
   * Tokens were spent (a spend, or the captured part of a hold). Published once per spend: a call
   * retried with the same idempotency key publishes nothing. (user, group, ledgerSeq) names the spend.
   *
   * @param userId the user
   * @param offerGroup the group
   * @param count tokens spent
   * @param balance balance after
   * @param ledgerSeq the ledger entry that recorded the spend
   * @param at when
   */
  record TokensConsumed(UserId userId, String offerGroup, long count, long balance, long ledgerSeq, Instant at)
      implements CreditsEvent {
    @Override
    public String id() {
      return "wallet:" + userId + "/" + offerGroup + ":" + ledgerSeq;
    }
  }

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
      implements CreditsEvent {
    @Override
    public String id() {
      return "low:" + userId + "/" + offerGroup + ":" + balance + "<" + threshold;
    }
  }

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
      implements CreditsEvent {
    @Override
    public String id() {
      return "expiring:" + userId + "/" + offerGroup + ":" + tokens + "@" + expiresAt;
    }
  }

  // ---- tickets: the orders that reserve tickets publish OrderCreated, OrderPaid and OrderClosed too ----

  /**
   * A seller listed a ticket.
   *
   * @param ticket the new ticket
   * @param at when
   */
  record TicketCreated(Ticket ticket, Instant at) implements CreditsEvent {
    @Override
    public String id() {
      return "ticket:" + ticket.id() + ":v" + ticket.version();
    }

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
    public String id() {
      return "ticket:" + ticket.id() + ":v" + ticket.version();
    }

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
    public String id() {
      return "order:" + order.id() + ":reserved";
    }

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
    public String id() {
      return "order:" + order.id() + ":released";
    }

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
    public String id() {
      return "order:" + order.id() + ":sold";
    }

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
      Money amount, Instant at) implements CreditsEvent {
    @Override
    public String id() {
      return "order:" + orderId + ":payment:" + reference;
    }
  }
}

package dev.credits.core.ticket;

import dev.credits.core.ConflictException;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.NotAuthorizedException;
import dev.credits.core.NotFoundException;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.internal.Checks;
import dev.credits.core.internal.OrderDesk;
import dev.credits.core.model.Money;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tickets: a seller lists a ticket, a buyer reserves it for a while and pays for it within that
 * window, and a reservation that is not paid in time ends by itself. Reach it through
 * {@link dev.credits.core.Credits#tickets()}. Thread-safe, and safe with many application
 * instances on one store.
 *
 * <p>It is built on the core, not beside it: a reservation is an ordinary {@link Order} (offer id
 * {@code ticket:<ticketId>}, quantity 1, the ticket's price as total, nothing to grant) that goes
 * through the core's status machine, payment gateway, events, clock and sweep. So a ticket order is
 * paid by {@link #confirmPayment} or by the gateway's webhooks through
 * {@link dev.credits.core.Credits#handleWebhook}, expired by {@link dev.credits.core.Credits#sweep}
 * or {@link dev.credits.core.Sweeper} (on whichever instance gets there first, once), and publishes
 * {@link CreditsEvent.OrderCreated}, {@link CreditsEvent.OrderPaid} and {@link CreditsEvent.OrderClosed}
 * like any order, followed by the ticket events {@link CreditsEvent.TicketReserved},
 * {@link CreditsEvent.TicketSold} and {@link CreditsEvent.TicketReleased}.
 *
 * <p>Guarantees: of many concurrent buyers of a free ticket exactly one gets it; a reserved ticket
 * is never reserved by anyone else and its price never changes; a ticket is sold at most once; an
 * order that was paid before its deadline is never expired; amounts come from the ticket, never
 * from the caller; every change of a ticket or an order is a compare-and-set on its version.
 */
public final class Tickets {
  /** Offer ids of ticket orders start with this, followed by the ticket id. */
  public static final String OFFER_PREFIX = "ticket:";
  /** The reservation window when the builder sets none. */
  public static final Duration DEFAULT_RESERVATION_WINDOW = Duration.ofMinutes(15);

  private final OrderDesk desk;
  private final TicketChanges changes;
  private final Reserver reserver;

  private Tickets(OrderDesk desk) {
    this.desk = desk;
    this.changes = new TicketChanges(desk);
    this.reserver = new Reserver(desk, changes);
  }

  /**
   * Creates the module on the core's parts and lets it follow the core's order events. Called once
   * by {@link dev.credits.core.Credits}; applications use {@link dev.credits.core.Credits#tickets()}.
   *
   * @param desk the core's parts
   * @return the module
   */
  public static Tickets attach(OrderDesk desk) {
    Tickets tickets = new Tickets(Objects.requireNonNull(desk, "desk == null"));
    desk.follow(new OrderFollower(desk, tickets.changes));
    return tickets;
  }

  /**
   * The ticket a ticket order reserves.
   *
   * @param order any order
   * @return the ticket, or empty when the order is not a ticket order
   */
  public static Optional<TicketId> ticketOf(Order order) {
    String offer = order.offerId().value();
    if (offer.startsWith(OFFER_PREFIX) && order.plan().isEmpty() && offer.length() > OFFER_PREFIX.length()) {
      return Optional.of(TicketId.of(offer.substring(OFFER_PREFIX.length())));
    }
    return Optional.empty();
  }

  /**
   * The offer id the orders of a ticket carry.
   *
   * @param ticketId the ticket
   * @return {@code ticket:<ticketId>}
   */
  public static OfferId offerOf(TicketId ticketId) {
    return OfferId.of(OFFER_PREFIX + ticketId.value());
  }

  /**
   * How long a reservation holds before its order expires.
   *
   * @return the window
   */
  public Duration reservationWindow() {
    return desk.reservationWindow();
  }

  // ---- sellers ----

  /**
   * Lists a ticket for sale.
   *
   * @param owner the seller
   * @param title what is sold, not blank, at most {@value Ticket#MAX_TITLE} characters
   * @param price at least one minor unit
   * @return the ticket, free, at version 0
   * @throws InvalidRequestException on bad input, or a price the gateway cannot collect
   */
  public Ticket create(UserId owner, String title, Money price) {
    Checks.present(owner, "owner");
    desk.checkPrice(price);
    Instant now = desk.clock().instant();
    Ticket ticket = Ticket.listed(TicketId.of("tkt_" + desk.newId()), owner, title, price, now);
    changes.store().insert(ticket);
    desk.publish(new CreditsEvent.TicketCreated(ticket, now));
    return ticket;
  }

  /**
   * Edits a ticket's title and price. Only its owner may; the price of a reserved or sold ticket
   * cannot change (its title can). The caller names the version it read: if the ticket changed
   * since (an edit, a reservation, a payment), nothing is written.
   *
   * @param ticketId the ticket
   * @param caller who asks, who must be the owner
   * @param expectedVersion the version the caller read
   * @param title the new title
   * @param price the new price
   * @return the ticket after, version + 1
   * @throws NotFoundException when the ticket is unknown
   * @throws NotAuthorizedException when the caller is not the owner
   * @throws ConflictException when the ticket is no longer at {@code expectedVersion}
   * @throws InvalidRequestException on a bad title or price
   * @throws InvalidStateException on a price change of a reserved or sold ticket
   */
  public Ticket update(TicketId ticketId, UserId caller, long expectedVersion, String title, Money price) {
    Checks.present(caller, "caller");
    Ticket current = changes.find(ticketId);
    if (!current.owner().equals(caller)) {
      throw new NotAuthorizedException("ticket " + ticketId + " does not belong to user " + caller);
    }
    if (current.version() != expectedVersion) {
      throw new ConflictException("ticket " + ticketId + " is at version " + current.version() + ", not "
          + expectedVersion + ": read it again");
    }
    Instant now = desk.clock().instant();
    if (!current.price().equals(price) && current.isReservedAt(now)) {
      throw new InvalidStateException("ticket " + ticketId + " is " + (current.isSold() ? "sold" : "reserved")
          + "; its price cannot be edited");
    }
    Ticket next = current.edited(title, price, now);
    desk.checkPrice(price);
    if (!changes.store().replace(next)) {
      throw new ConflictException("ticket " + ticketId + " changed while it was being edited: read it again");
    }
    desk.publish(new CreditsEvent.TicketUpdated(next, now));
    return next;
  }

  /**
   * Reads a ticket.
   *
   * @param ticketId the ticket
   * @return it
   * @throws NotFoundException when unknown
   */
  public Ticket get(TicketId ticketId) {
    return changes.find(ticketId);
  }

  /**
   * A page of the tickets anyone may reserve now (neither reserved nor sold), by ascending id.
   *
   * @param after continue after this ticket id, or null from the start
   * @param limit at most this many, at least 1
   * @return the tickets
   * @throws InvalidRequestException when the limit is below 1
   */
  public List<Ticket> listAvailable(TicketId after, int limit) {
    Checks.positive(limit, "limit");
    return changes.store().findAvailable(desk.clock().instant(), after, limit);
  }

  // ---- buyers ----

  /**
   * Reserves a ticket: creates a pending order for its price that must be paid within the
   * {@linkplain #reservationWindow() window}, and locks the ticket to it. Of many concurrent
   * buyers exactly one succeeds. A ticket whose orders all ended unpaid (cancelled, expired,
   * refused) may be reserved again.
   *
   * @param ticketId the ticket
   * @param buyer who reserves it
   * @return the pending order; its payment deadline is when the reservation ends
   * @throws NotFoundException when the ticket is unknown
   * @throws ConflictException when the ticket is already reserved or sold
   * @throws InvalidRequestException when the buyer owns the ticket
   */
  public Order reserve(TicketId ticketId, UserId buyer) {
    return reserver.reserve(ticketId, buyer);
  }

  /**
   * Starts paying a reserved ticket at the gateway, for the ticket's price. Only the order's buyer
   * may, only within the window, and only once per order: a second call is refused (the first
   * call's payment is the one to complete). From here the reservation no longer lapses by itself:
   * it lasts until the order is paid or closed (the core's sweep expires it at its deadline if it
   * is still unpaid then).
   *
   * @param orderId the ticket order
   * @param buyer the caller, who must be the buyer
   * @return what the client needs to pay
   * @throws NotFoundException when the order is unknown
   * @throws NotAuthorizedException when the caller is not the buyer
   * @throws InvalidRequestException when it is not a ticket order
   * @throws dev.credits.core.InvalidStateException when it is cancelled, expired or completed, its
   *     window passed, or a payment was already created for it
   * @throws dev.credits.core.PaymentGatewayException when the gateway fails; retry
   */
  public PaymentIntent pay(OrderId orderId, UserId buyer) {
    Order order = owned(orderId, buyer);
    TicketId ticketId = ticketOf(order).orElseThrow();
    if (order.status() != OrderStatus.PENDING) {
      throw new InvalidStateException("order " + orderId + " is " + order.status()
          + "; only a PENDING order can be paid");
    }
    if (order.payment() != null) {
      throw new InvalidStateException("a payment was already created for order " + orderId);
    }
    Instant now = desk.clock().instant();
    if (!order.paymentDeadline().isAfter(now)) {
      desk.expire(order);
      throw new InvalidStateException("order " + orderId + " expired at " + order.paymentDeadline());
    }
    changes.pin(ticketId, orderId, now);
    PaymentIntent intent;
    try {
      intent = desk.startPayment(orderId, buyer);
    } catch (RuntimeException e) {
      try {
        changes.unpin(ticketId, orderId, desk.clock().instant());
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    desk.publish(new CreditsEvent.TicketPaymentCreated(buyer, ticketId, orderId, intent.processor(),
        intent.reference(), intent.amount(), desk.clock().instant()));
    return intent;
  }

  /**
   * Asks the gateway where the order's payment stands and applies it (as
   * {@link dev.credits.core.Credits#confirmPayment}): a success sells the ticket, once. Safe to call
   * any number of times, concurrently with webhooks.
   *
   * @param orderId the ticket order
   * @param buyer the caller, who must be the buyer
   * @return the order after
   * @throws NotFoundException when the order is unknown
   * @throws NotAuthorizedException when the caller is not the buyer
   * @throws InvalidRequestException when it is not a ticket order
   * @throws dev.credits.core.InvalidStateException when no payment was started
   */
  public Order confirmPayment(OrderId orderId, UserId buyer) {
    owned(orderId, buyer);
    return desk.confirm(orderId, buyer);
  }

  /**
   * Cancels a pending ticket order and releases its ticket. Only its buyer may; cancelling twice is
   * fine.
   *
   * @param orderId the ticket order
   * @param buyer the caller, who must be the buyer
   * @return the cancelled order
   * @throws NotFoundException when the order is unknown
   * @throws NotAuthorizedException when the caller is not the buyer
   * @throws InvalidRequestException when it is not a ticket order
   * @throws dev.credits.core.InvalidStateException when it is no longer pending
   */
  public Order cancel(OrderId orderId, UserId buyer) {
    owned(orderId, buyer);
    return desk.cancel(orderId, buyer);
  }

  /**
   * Reads one of the caller's ticket orders.
   *
   * @param orderId the order
   * @param caller who asks, who must be the buyer
   * @return the order
   * @throws NotFoundException when unknown
   * @throws NotAuthorizedException when the caller is not the buyer
   * @throws InvalidRequestException when it is not a ticket order
   */
  public Order order(OrderId orderId, UserId caller) {
    return owned(orderId, caller);
  }

  /**
   * The buyer's ticket orders (and nobody else's), newest first.
   *
   * @param buyer the buyer
   * @return the orders
   * @throws InvalidRequestException when the buyer is null
   */
  public List<Order> orders(UserId buyer) {
    Checks.present(buyer, "buyer");
    List<Order> out = new ArrayList<>();
    for (Order o : desk.store().orders().findByUser(buyer)) {
      if (ticketOf(o).isPresent()) {
        out.add(o);
      }
    }
    return out;
  }

  private Order owned(OrderId orderId, UserId caller) {
    Checks.present(orderId, "orderId");
    Checks.present(caller, "caller");
    Order order = desk.store().orders().find(orderId).orElseThrow(() -> new NotFoundException("no order " + orderId));
    if (!order.userId().equals(caller)) {
      throw new NotAuthorizedException("order " + orderId + " does not belong to user " + caller);
    }
    if (ticketOf(order).isEmpty()) {
      throw new InvalidRequestException("order " + orderId + " does not reserve a ticket");
    }
    return order;
  }
}

package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Wallets.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.credits.core.ConflictException;
import dev.credits.core.Credits;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.NotAuthorizedException;
import dev.credits.core.NotFoundException;
import dev.credits.core.PaymentGatewayException;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.SweepReport;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.TicketStore;
import dev.credits.core.ticket.Reservation;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.TicketId;
import dev.credits.core.ticket.Tickets;
import dev.credits.testkit.FakePaymentGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contract section on the ticket-lock / order-expiry module: listing, reserving (one winner of
 * many), paying through the gateway, expiry by the core's sweep (once, whichever instance), edits
 * with optimistic concurrency, and the events of each step. Skipped for a store whose
 * {@code tickets()} is not implemented (the part is optional).
 */
public abstract class TicketsContract extends ContractSection {
  private static final UserId SELLER = UserId.of("seller");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final Money PRICE = Money.parse("25.00", "EUR");
  private static final Duration WINDOW = Tickets.DEFAULT_RESERVATION_WINDOW;

  /** Creates the section. */
  protected TicketsContract() {}

  /** Tickets are an optional part of a store: a store that keeps none skips this section. */
  @BeforeEach
  void storeKeepsTickets() {
    boolean keeps;
    try {
      keeps = f.store().tickets() != null;
    } catch (UnsupportedOperationException e) {
      keeps = false;
    }
    assumeTrue(keeps, "the store keeps no tickets (CreditsStore.tickets() is not implemented)");
  }

  private Tickets tickets() {
    return f.credits().tickets();
  }

  private Ticket listed(String title) {
    return tickets().create(SELLER, title, PRICE);
  }

  private Instant now() {
    return f.clock().instant();
  }

  /** Every free ticket, read page by page. */
  private List<Ticket> allAvailable() {
    List<Ticket> all = new ArrayList<>();
    TicketId after = null;
    while (true) {
      List<Ticket> page = tickets().listAvailable(after, 50);
      all.addAll(page);
      if (page.size() < 50) {
        return all;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  private Order paid(Order order, UserId buyer) {
    tickets().pay(order.id(), buyer);
    return tickets().confirmPayment(order.id(), buyer);
  }

  private <E extends CreditsEvent> List<E> events(Class<E> type) {
    return f.events().of(type);
  }

  /** A second application instance: its own facade on the same store, clock, gateway and recorder. */
  private Credits secondInstance() {
    AtomicLong ids = new AtomicLong();
    return Credits.builder().store(f.store()).gateway(f.gateway()).events(f.events()).clock(f.clock())
        .paymentWindow(CreditsFixture.PAYMENT_WINDOW).ids(() -> "second-" + ids.incrementAndGet()).build();
  }

  // ---- listing ----

  @Test
  @DisplayName("a listed ticket is free at version 0 and listed; reserved and sold tickets are not")
  void listingShowsFreeTickets() {
    Ticket a = listed("Row A");
    Ticket b = listed("Row B");
    Ticket c = listed("Row C");

    assertThat(a.version()).isZero();
    assertThat(a.isReservedAt(now())).isFalse();
    assertThat(tickets().get(a.id())).isEqualTo(a);
    assertThat(allAvailable()).extracting(Ticket::id).containsExactlyInAnyOrder(a.id(), b.id(), c.id());

    tickets().reserve(a.id(), ALICE);
    paid(tickets().reserve(b.id(), BOB), BOB);

    assertThat(allAvailable()).extracting(Ticket::id).containsExactly(c.id());
    assertThat(events(CreditsEvent.TicketCreated.class)).extracting(CreditsEvent.TicketCreated::ticket)
        .containsExactly(a, b, c);
  }

  @Test
  @DisplayName("the listing pages by ascending id without gaps or repeats")
  void listingPages() {
    Set<TicketId> created = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      created.add(listed("Seat " + i).id());
    }

    List<Ticket> first = tickets().listAvailable(null, 3);
    List<Ticket> second = tickets().listAvailable(first.get(2).id(), 3);
    List<Ticket> third = tickets().listAvailable(second.get(2).id(), 3);

    List<String> ids = new ArrayList<>();
    for (List<Ticket> page : List.of(first, second, third)) {
      page.forEach(t -> ids.add(t.id().value()));
    }
    assertThat(ids).hasSize(7).isSorted().doesNotHaveDuplicates();
    assertThat(ids)
        .containsExactlyInAnyOrderElementsOf(created.stream().map(TicketId::value).collect(Collectors.toList()));
    assertThatThrownBy(() -> tickets().listAvailable(null, 0)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a blank or overlong title, a zero price or a missing owner is rejected and lists nothing")
  void badListings() {
    assertThatThrownBy(() -> tickets().create(SELLER, " ", PRICE)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> tickets().create(SELLER, "x".repeat(Ticket.MAX_TITLE + 1), PRICE))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> tickets().create(SELLER, "Row A", Money.ofMinor(0, "EUR")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> tickets().create(SELLER, "Row A", null)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> tickets().create(null, "Row A", PRICE)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> tickets().get(TicketId.of("nope"))).isInstanceOf(NotFoundException.class);

    assertThat(tickets().listAvailable(null, 10)).isEmpty();
  }

  // ---- reserving ----

  @Test
  @DisplayName("reserving creates a pending order for the ticket's price that expires after the window, and locks the ticket")
  void reserveLocks() {
    Ticket ticket = listed("Row A");

    Order order = tickets().reserve(ticket.id(), ALICE);

    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.userId()).isEqualTo(ALICE);
    assertThat(order.total()).isEqualTo(PRICE);
    assertThat(order.quantity()).isEqualTo(1);
    assertThat(order.paymentDeadline()).isEqualTo(now().plus(WINDOW));
    assertThat(Tickets.ticketOf(order)).contains(ticket.id());
    Ticket locked = tickets().get(ticket.id());
    assertThat(locked.isReservedAt(now())).isTrue();
    assertThat(locked.reservation().orderId()).isEqualTo(order.id());
    assertThat(locked.version()).isEqualTo(ticket.version() + 1);
    assertThat(f.credits().getOrder(order.id(), ALICE)).isEqualTo(order);
    assertThat(events(CreditsEvent.OrderCreated.class)).extracting(CreditsEvent.OrderCreated::order)
        .containsExactly(order);
    assertThat(events(CreditsEvent.TicketReserved.class)).singleElement()
        .satisfies(e -> assertThat(e.order()).isEqualTo(order))
        .satisfies(e -> assertThat(e.ticket()).isEqualTo(locked));
  }

  @Test
  @DisplayName("a reserved ticket refuses every other buyer with 'already reserved'; the owner and unknown tickets get their own errors")
  void reservedRefusesOthers() {
    Ticket ticket = listed("Row A");
    tickets().reserve(ticket.id(), ALICE);
    f.clock().advance(WINDOW.minusSeconds(1));

    assertThatThrownBy(() -> tickets().reserve(ticket.id(), BOB)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("already reserved");
    assertThatThrownBy(() -> tickets().reserve(ticket.id(), ALICE)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("already reserved");
    assertThatThrownBy(() -> tickets().reserve(listed("Row B").id(), SELLER))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("owns");
    assertThatThrownBy(() -> tickets().reserve(TicketId.of("nope"), BOB)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> tickets().reserve(ticket.id(), null)).isInstanceOf(InvalidRequestException.class);
    assertThat(tickets().orders(BOB)).isEmpty();
  }

  @Test
  @DisplayName("of 100 concurrent buyers of one ticket exactly one reserves it; the 99 others get 'already reserved'")
  void hundredBuyersOneWinner() throws Exception {
    Ticket ticket = listed("Front row");

    List<Object> outcomes = concurrently(16, 100, i -> {
      try {
        return tickets().reserve(ticket.id(), UserId.of("buyer-" + i));
      } catch (ConflictException e) {
        return e;
      }
    });

    List<Order> won = outcomes.stream().filter(Order.class::isInstance).map(Order.class::cast)
        .collect(Collectors.toList());
    assertThat(won).hasSize(1);
    assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(99)
        .allSatisfy(e -> assertThat(((ConflictException) e).getMessage()).contains("already reserved"));
    Order winner = won.get(0);
    assertThat(tickets().get(ticket.id()).reservation().orderId()).isEqualTo(winner.id());
    assertThat(events(CreditsEvent.TicketReserved.class)).hasSize(1);
    assertThat(events(CreditsEvent.OrderCreated.class)).extracting(CreditsEvent.OrderCreated::order)
        .containsExactly(winner);
    for (int i = 0; i < 100; i++) {
      UserId buyer = UserId.of("buyer-" + i);
      assertThat(tickets().orders(buyer)).hasSize(buyer.equals(winner.userId()) ? 1 : 0);
    }
  }

  @Test
  @DisplayName("a buyer's orders list shows only their own ticket orders, newest first")
  void ordersAreOwn() {
    Order first = tickets().reserve(listed("Row A").id(), ALICE);
    f.clock().advance(Duration.ofSeconds(1));
    Order second = tickets().reserve(listed("Row B").id(), ALICE);
    Order bobs = tickets().reserve(listed("Row C").id(), BOB);

    assertThat(tickets().orders(ALICE)).extracting(Order::id).containsExactly(second.id(), first.id());
    assertThat(tickets().orders(BOB)).extracting(Order::id).containsExactly(bobs.id());
    assertThat(tickets().order(first.id(), ALICE)).isEqualTo(first);
    assertThatThrownBy(() -> tickets().order(first.id(), BOB)).isInstanceOf(NotAuthorizedException.class);
  }

  // ---- paying ----

  @Test
  @DisplayName("paying: the intent is for the ticket's price; confirming pays the order once and sells the ticket")
  void payAndConfirm() {
    Ticket ticket = listed("Row A");
    Order order = tickets().reserve(ticket.id(), ALICE);

    PaymentIntent intent = tickets().pay(order.id(), ALICE);
    Order done = tickets().confirmPayment(order.id(), ALICE);

    assertThat(intent.amount()).isEqualTo(PRICE);
    assertThat(done.status()).isEqualTo(OrderStatus.PAID);
    assertThat(done.version()).isGreaterThan(order.version());
    assertThat(tickets().get(ticket.id()).soldTo()).isEqualTo(order.id());
    assertThat(tickets().confirmPayment(order.id(), ALICE).status()).as("confirming again").isEqualTo(OrderStatus.PAID);
    assertThat(events(CreditsEvent.TicketPaymentCreated.class)).singleElement()
        .satisfies(e -> assertThat(e.amount()).isEqualTo(PRICE))
        .satisfies(e -> assertThat(e.reference()).isEqualTo(intent.reference()));
    assertThat(events(CreditsEvent.OrderPaid.class)).hasSize(1);
    assertThat(events(CreditsEvent.TicketSold.class)).singleElement()
        .satisfies(e -> assertThat(e.ticketId()).isEqualTo(ticket.id()));
    assertThatThrownBy(() -> tickets().reserve(ticket.id(), BOB)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("sold");
    f.clock().advance(WINDOW.multipliedBy(2));
    assertThat(f.credits().sweep(100).ordersExpired()).as("a paid order is never expired").isZero();
    assertThat(tickets().order(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(allAvailable()).isEmpty();
  }

  @Test
  @DisplayName("a signed PAYMENT_SUCCEEDED webhook pays a ticket order and sells the ticket, once")
  void webhookSells() {
    Ticket ticket = listed("Row A");
    Order order = tickets().reserve(ticket.id(), ALICE);
    tickets().pay(order.id(), ALICE);

    FakePaymentGateway.Webhook hook = f.gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), PRICE);
    f.credits().handleWebhook(hook.payload(), hook.headers());
    f.credits().handleWebhook(hook.payload(), hook.headers());

    assertThat(tickets().order(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(tickets().get(ticket.id()).soldTo()).isEqualTo(order.id());
    assertThat(events(CreditsEvent.TicketSold.class)).hasSize(1);
  }

  @Test
  @DisplayName("only the order's buyer may pay, confirm, cancel or read it")
  void onlyTheBuyer() {
    Order order = tickets().reserve(listed("Row A").id(), ALICE);

    assertThatThrownBy(() -> tickets().pay(order.id(), BOB)).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> tickets().confirmPayment(order.id(), BOB)).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> tickets().cancel(order.id(), BOB)).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> tickets().order(order.id(), SELLER)).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> tickets().pay(OrderId.of("nope"), ALICE))
        .isInstanceOf(NotFoundException.class);
    assertThat(f.gateway().intentsCreated()).isZero();
  }

  @Test
  @DisplayName("a cancelled, expired or completed order cannot be paid")
  void notPayable() {
    Order cancelled = tickets().reserve(listed("Row A").id(), ALICE);
    tickets().cancel(cancelled.id(), ALICE);
    Order completed = paid(tickets().reserve(listed("Row B").id(), ALICE), ALICE);
    Order expired = tickets().reserve(listed("Row C").id(), ALICE);
    int intents = f.gateway().intentsCreated();
    f.clock().advance(WINDOW);

    assertThatThrownBy(() -> tickets().pay(cancelled.id(), ALICE)).isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("CANCELLED");
    assertThatThrownBy(() -> tickets().pay(completed.id(), ALICE)).isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("PAID");
    assertThatThrownBy(() -> tickets().pay(expired.id(), ALICE)).isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("expired");
    assertThat(tickets().order(expired.id(), ALICE).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThatThrownBy(() -> tickets().pay(expired.id(), ALICE)).isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("EXPIRED");
    assertThat(f.gateway().intentsCreated()).isEqualTo(intents);
  }

  @Test
  @DisplayName("one payment per order: a second pay is rejected, and of 8 concurrent pays exactly one creates it")
  void onePaymentPerOrder() throws Exception {
    Order first = tickets().reserve(listed("Row A").id(), ALICE);
    tickets().pay(first.id(), ALICE);
    assertThatThrownBy(() -> tickets().pay(first.id(), ALICE)).isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("already");

    Order second = tickets().reserve(listed("Row B").id(), ALICE);
    AtomicInteger refused = new AtomicInteger();
    List<PaymentIntent> intents = concurrently(8, 8, i -> {
      try {
        return tickets().pay(second.id(), ALICE);
      } catch (InvalidStateException e) {
        refused.incrementAndGet();
        return null;
      }
    });

    assertThat(intents).filteredOn(i -> i != null).hasSize(1);
    assertThat(refused).hasValue(7);
    assertThat(f.gateway().intentsCreated()).isEqualTo(2);
    assertThat(events(CreditsEvent.TicketPaymentCreated.class)).hasSize(2);
  }

  @Test
  @DisplayName("a gateway failure leaves no payment behind, and paying again works")
  void gatewayFailureThenRetry() {
    Order order = tickets().reserve(listed("Row A").id(), ALICE);
    f.gateway().failCalls(1);

    assertThatThrownBy(() -> tickets().pay(order.id(), ALICE))
        .isInstanceOf(PaymentGatewayException.class);
    assertThat(tickets().pay(order.id(), ALICE).amount()).isEqualTo(PRICE);
    assertThat(tickets().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  @DisplayName("ticket orders are paid through tickets().pay only, which pays nothing else")
  void plainStartPaymentRefused() {
    Order order = tickets().reserve(listed("Row A").id(), ALICE);

    assertThatThrownBy(() -> f.credits().startPayment(order.id(), ALICE))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ticket");
    f.credits().saveOffer(Catalogs.chatPack());
    Order tokens = f.credits().createOrder(Catalogs.chatPack().id(), ALICE, 1);
    assertThatThrownBy(() -> tickets().pay(tokens.id(), ALICE))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not reserve a ticket");
    assertThat(tickets().orders(ALICE)).extracting(Order::id).containsExactly(order.id());
    assertThat(f.gateway().intentsCreated()).isZero();
  }

  // ---- releasing ----

  @Test
  @DisplayName("a buyer's cancellation releases the ticket at once, publishes it once, and the ticket can be reserved again")
  void cancelReleases() {
    Ticket ticket = listed("Row A");
    Order order = tickets().reserve(ticket.id(), ALICE);

    Order cancelled = tickets().cancel(order.id(), ALICE);
    tickets().cancel(order.id(), ALICE);

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(tickets().get(ticket.id()).isReservedAt(now())).isFalse();
    assertThat(events(CreditsEvent.OrderClosed.class)).hasSize(1);
    assertThat(events(CreditsEvent.TicketReleased.class)).singleElement()
        .satisfies(e -> assertThat(e.order().status()).isEqualTo(OrderStatus.CANCELLED));
    Order again = tickets().reserve(ticket.id(), BOB);
    assertThat(again.status()).isEqualTo(OrderStatus.PENDING);
    assertThatThrownBy(() -> tickets().cancel(paid(again, BOB).id(), BOB)).isInstanceOf(InvalidStateException.class);
  }

  @Test
  @DisplayName("a declined attempt keeps the ticket reserved; when the window ends on it, the order is refused and the ticket free")
  void declineReleases() {
    Ticket ticket = listed("Row A");
    Order order = tickets().reserve(ticket.id(), ALICE);
    tickets().pay(order.id(), ALICE);
    f.gateway().willDecline("card_declined");

    assertThat(tickets().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(tickets().get(ticket.id()).isReservedAt(now())).isTrue();
    f.clock().set(order.paymentDeadline());
    f.credits().sweep(100);
    assertThat(f.credits().getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.REFUSED);

    assertThat(tickets().get(ticket.id()).isReservedAt(now())).isFalse();
    assertThat(tickets().reserve(ticket.id(), BOB).userId()).isEqualTo(BOB);
  }

  @Test
  @DisplayName("once the window passes the ticket is free before any sweep and reserved again; the sweep expires the old order once")
  void windowPassesReserveAgain() {
    Ticket ticket = listed("Row A");
    Order first = tickets().reserve(ticket.id(), ALICE);
    f.clock().advance(WINDOW.minusMillis(1));
    assertThat(allAvailable()).isEmpty();

    f.clock().advance(Duration.ofMillis(1));
    assertThat(allAvailable()).extracting(Ticket::id).containsExactly(ticket.id());
    Order second = tickets().reserve(ticket.id(), BOB);
    SweepReport sweep = f.credits().sweep(100);
    SweepReport again = secondInstance().sweep(100);

    assertThat(sweep.ordersExpired()).isEqualTo(1);
    assertThat(again.ordersExpired()).isZero();
    assertThat(tickets().order(first.id(), ALICE).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(tickets().get(ticket.id()).reservation().orderId()).as("the expiry keeps the new hold")
        .isEqualTo(second.id());
    assertThat(events(CreditsEvent.TicketReleased.class)).singleElement()
        .satisfies(e -> assertThat(e.order().id()).isEqualTo(first.id()))
        .satisfies(e -> assertThat(e.order().status()).isEqualTo(OrderStatus.EXPIRED));
    assertThat(paid(second, BOB).status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  @DisplayName("a paying hold outlives the deadline; the next buyer expires its order first, and a late success sells nothing")
  void payingHoldOutlivesTheWindow() {
    Ticket ticket = listed("Row A");
    Order order = tickets().reserve(ticket.id(), ALICE);
    tickets().pay(order.id(), ALICE);
    f.clock().advance(WINDOW.plusMinutes(1));

    assertThat(tickets().get(ticket.id()).isReservedAt(now())).as("paying hold, window passed").isTrue();
    assertThat(allAvailable()).isEmpty();
    Order next = tickets().reserve(ticket.id(), BOB);

    assertThat(tickets().order(order.id(), ALICE).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(tickets().confirmPayment(order.id(), ALICE).status()).as("late success").isEqualTo(OrderStatus.EXPIRED);
    assertThat(tickets().get(ticket.id()).reservation().orderId()).isEqualTo(next.id());
    assertThat(paid(next, BOB).status()).isEqualTo(OrderStatus.PAID);
    assertThat(tickets().get(ticket.id()).soldTo()).isEqualTo(next.id());
    assertThat(events(CreditsEvent.TicketSold.class)).hasSize(1);
  }

  @Test
  @DisplayName("a payment started in the window and confirmed after the deadline, before any expiry, sells the ticket")
  void lateConfirmOfAPayingHold() {
    Ticket ticket = listed("Row A");
    Order order = tickets().reserve(ticket.id(), ALICE);
    tickets().pay(order.id(), ALICE);
    f.clock().advance(WINDOW.plusMinutes(1));

    assertThat(tickets().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);

    assertThat(tickets().get(ticket.id()).soldTo()).isEqualTo(order.id());
    assertThatThrownBy(() -> tickets().reserve(ticket.id(), BOB)).isInstanceOf(ConflictException.class);
  }

  @Test
  @DisplayName("two sweepers at once over 1,000 expired ticket orders expire each exactly once and publish one event each")
  void twoSweepersExpireEachOnce() throws Exception {
    int n = 1_000;
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      orders.add(tickets().reserve(listed("Seat " + i).id(), UserId.of("buyer-" + (i % 37))));
    }
    f.clock().advance(WINDOW);
    f.events().clear();
    Credits[] instances = {f.credits(), secondInstance()};

    List<Integer> expired = concurrently(2, 2, i -> {
      int count = 0;
      while (!f.store().orders().findDue(now(), 1).isEmpty()) {
        count += instances[i].sweep(100).ordersExpired();
      }
      return count;
    });

    assertThat(expired.get(0) + expired.get(1)).as("expired by both sweepers").isEqualTo(n);
    List<CreditsEvent.OrderClosed> closed = events(CreditsEvent.OrderClosed.class);
    assertThat(closed).hasSize(n).allSatisfy(e -> assertThat(e.order().status()).isEqualTo(OrderStatus.EXPIRED));
    assertThat(closed.stream().map(e -> e.order().id()).distinct().count()).isEqualTo(n);
    List<CreditsEvent.TicketReleased> released = events(CreditsEvent.TicketReleased.class);
    assertThat(released).hasSize(n);
    assertThat(released.stream().map(CreditsEvent.TicketReleased::ticketId).distinct().count()).isEqualTo(n);
    for (Order o : orders) {
      assertThat(f.credits().getOrder(o.id(), o.userId()).status()).isEqualTo(OrderStatus.EXPIRED);
    }
    assertThat(allAvailable()).hasSize(n);
  }

  // ---- editing ----

  @Test
  @DisplayName("only the owner edits a ticket; an edit bumps the version and is published")
  void ownerEdits() {
    Ticket ticket = listed("Row A");

    assertThatThrownBy(() -> tickets().update(ticket.id(), ALICE, 0, "Mine now", PRICE))
        .isInstanceOf(NotAuthorizedException.class);
    Ticket edited = tickets().update(ticket.id(), SELLER, 0, "Row A, aisle", Money.parse("30.00", "EUR"));

    assertThat(edited.version()).isEqualTo(1);
    assertThat(edited.title()).isEqualTo("Row A, aisle");
    assertThat(tickets().get(ticket.id())).isEqualTo(edited);
    assertThat(events(CreditsEvent.TicketUpdated.class)).extracting(CreditsEvent.TicketUpdated::ticket)
        .containsExactly(edited);
    assertThat(tickets().reserve(ticket.id(), ALICE).total()).as("orders pay the edited price")
        .isEqualTo(Money.parse("30.00", "EUR"));
  }

  @Test
  @DisplayName("a stale version is rejected with a conflict and changes nothing; so is a lost compare-and-set in the store")
  void staleEditRejected() {
    Ticket ticket = listed("Row A");
    tickets().update(ticket.id(), SELLER, 0, "Row A, v1", PRICE);

    assertThatThrownBy(() -> tickets().update(ticket.id(), SELLER, 0, "Row A, stale", PRICE))
        .isInstanceOf(ConflictException.class);
    tickets().reserve(ticket.id(), ALICE);
    assertThatThrownBy(() -> tickets().update(ticket.id(), SELLER, 1, "Row A, v2", PRICE))
        .as("a reservation changed the version").isInstanceOf(ConflictException.class);

    Ticket current = tickets().get(ticket.id());
    assertThat(current.title()).isEqualTo("Row A, v1");
    assertThat(current.version()).isEqualTo(2);
    assertThat(f.store().tickets().replace(current.edited("forged", PRICE, now()).edited("twice", PRICE, now())))
        .as("a replace that skips a version").isFalse();
    Order order = tickets().orders(ALICE).get(0);
    assertThat(f.store().orders().replace(order.withVersion(order.version()))).as("a stale order").isFalse();
    assertThat(tickets().get(ticket.id())).isEqualTo(current);
  }

  @Test
  @DisplayName("a reserved or sold ticket's price cannot be edited, its title can; a free one's price can again")
  void reservedPriceFrozen() {
    Ticket ticket = listed("Row A");
    Order order = tickets().reserve(ticket.id(), ALICE);
    long v = tickets().get(ticket.id()).version();

    assertThatThrownBy(() -> tickets().update(ticket.id(), SELLER, v, "Row A", Money.parse("99.00", "EUR")))
        .isInstanceOf(InvalidStateException.class).hasMessageContaining("reserved");
    Ticket retitled = tickets().update(ticket.id(), SELLER, v, "Row A (aisle)", PRICE);
    assertThat(retitled.isReservedAt(now())).isTrue();

    tickets().cancel(order.id(), ALICE);
    long free = tickets().get(ticket.id()).version();
    assertThat(tickets().update(ticket.id(), SELLER, free, "Row A (aisle)", Money.parse("20.00", "EUR")).price())
        .isEqualTo(Money.parse("20.00", "EUR"));

    Order bought = paid(tickets().reserve(ticket.id(), BOB), BOB);
    long sold = tickets().get(ticket.id()).version();
    assertThat(bought.total()).isEqualTo(Money.parse("20.00", "EUR"));
    assertThatThrownBy(() -> tickets().update(ticket.id(), SELLER, sold, "Row A", PRICE))
        .isInstanceOf(InvalidStateException.class).hasMessageContaining("sold");
  }

  // ---- the store ----

  @Test
  @DisplayName("the store: a duplicate insert conflicts; reserve refuses unknown, own and held tickets and returns the new version")
  void storeReserve() {
    Ticket ticket = listed("Row A");
    TicketStore store = f.store().tickets();
    Reservation hold = new Reservation(OrderId.of("o1"), ALICE,
        now().plus(WINDOW), false);

    assertThatThrownBy(() -> store.insert(ticket)).isInstanceOf(ConflictException.class);
    assertThat(store.reserve(TicketId.of("nope"), hold, now())).isEmpty();
    assertThat(store.reserve(ticket.id(), new Reservation(hold.orderId(), SELLER,
        hold.until(), false), now())).as("the owner").isEmpty();
    assertThat(store.reserve(ticket.id(), hold, now())).contains(ticket.reservedFor(hold, now()));
    assertThat(store.reserve(ticket.id(), hold, now())).as("held").isEmpty();
    assertThat(store.reserve(ticket.id(), hold, hold.until())).as("lapsed at its end")
        .contains(ticket.reservedFor(hold, now()).reservedFor(hold, hold.until()));
  }
}

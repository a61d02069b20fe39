package dev.credits.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.GrantPlan;
import dev.credits.core.model.Money;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ticket and Reservation")
class TicketTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant UNTIL = T0.plusSeconds(900);
  private static final UserId SELLER = UserId.of("seller");
  private static final UserId ALICE = UserId.of("alice");
  private static final Money PRICE = Money.parse("25.00", "EUR");

  private static Ticket listed() {
    return Ticket.listed(TicketId.of("t1"), SELLER, "Row A", PRICE, T0);
  }

  private static Reservation hold() {
    return new Reservation(OrderId.of("o1"), ALICE, UNTIL, false);
  }

  @Test
  @DisplayName("a listed ticket is free at version 0, for anyone but its owner")
  void listedIsFree() {
    Ticket t = listed();

    assertThat(t.version()).isZero();
    assertThat(t.isReservedAt(T0)).isFalse();
    assertThat(t.canBeReservedBy(ALICE, T0)).isTrue();
    assertThat(t.canBeReservedBy(SELLER, T0)).isFalse();
  }

  @Test
  @DisplayName("an unpaid hold keeps the ticket until its end, exclusive, then lapses by itself")
  void holdLapses() {
    Ticket held = listed().reservedFor(hold(), T0);

    assertThat(held.version()).isEqualTo(1);
    assertThat(held.isReservedAt(UNTIL.minusNanos(1))).isTrue();
    assertThat(held.canBeReservedBy(UserId.of("bob"), UNTIL.minusNanos(1))).isFalse();
    assertThat(held.isReservedAt(UNTIL)).isFalse();
    assertThat(held.canBeReservedBy(UserId.of("bob"), UNTIL)).isTrue();
    assertThat(held.isReservationOf(OrderId.of("o1"))).isTrue();
  }

  @Test
  @DisplayName("a paying hold and a sale never lapse; a release frees the ticket at once")
  void payingSoldReleased() {
    Ticket held = listed().reservedFor(hold(), T0);
    Ticket paying = held.withReservation(hold().paying(true), T0);
    Ticket sold = paying.sold(OrderId.of("o1"), T0);
    Ticket released = held.withReservation(null, T0);

    assertThat(paying.isReservedAt(UNTIL.plusSeconds(86_400))).isTrue();
    assertThat(sold.isReservedAt(UNTIL.plusSeconds(86_400))).isTrue();
    assertThat(sold.isSold()).isTrue();
    assertThat(sold.reservation()).isNull();
    assertThat(sold.version()).isEqualTo(3);
    assertThat(released.isReservedAt(T0)).isFalse();
    assertThat(released.isReservationOf(OrderId.of("o1"))).isFalse();
  }

  @Test
  @DisplayName("a blank or overlong title, a zero price, or missing fields are rejected")
  void badValues() {
    assertThatThrownBy(() -> Ticket.listed(TicketId.of("t"), SELLER, " ", PRICE, T0))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Ticket.listed(TicketId.of("t"), SELLER, "x".repeat(201), PRICE, T0))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(Ticket.listed(TicketId.of("t"), SELLER, "x".repeat(200), PRICE, T0).title()).hasSize(200);
    assertThatThrownBy(() -> Ticket.listed(TicketId.of("t"), SELLER, "Row", Money.ofMinor(0, "EUR"), T0))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Ticket.listed(TicketId.of("t"), null, "Row", PRICE, T0))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> TicketId.of(" ")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new Reservation(OrderId.of("o"), ALICE, null, false))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> listed().reservedFor(null, T0)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a ticket order is one whose offer id is ticket:<id> and that grants nothing; others are not")
  void ticketOrders() {
    Order ticketOrder = Order.pending(OrderId.of("o1"), ALICE, Tickets.offerOf(TicketId.of("t1")), 1, PRICE,
        List.of(), T0, UNTIL);
    Order grants = Order.pending(OrderId.of("o2"), ALICE, OfferId.of("ticket:t1"), 1, PRICE,
        List.of(new GrantPlan("chat", OfferId.of("ticket:t1"), false, 10, Cycle.ONCE, 1, false)), T0, UNTIL);
    Order bare = Order.pending(OrderId.of("o3"), ALICE, OfferId.of("ticket:"), 1, PRICE, List.of(), T0, UNTIL);

    assertThat(Tickets.ticketOf(ticketOrder)).contains(TicketId.of("t1"));
    assertThat(Tickets.ticketOf(grants)).isEmpty();
    assertThat(Tickets.ticketOf(bare)).isEmpty();
  }
}

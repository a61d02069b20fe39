package dev.credits.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.Credits;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.LeaseLockStore;
import dev.credits.core.spi.OfferStore;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.ProcessedEventStore;
import dev.credits.core.spi.WalletStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the ticket module's wiring into the facade")
class TicketsWiringTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final UserId SELLER = UserId.of("seller");
  private static final UserId ALICE = UserId.of("alice");

  @Test
  @DisplayName("the reservation window is 15 minutes unless the builder sets it, once, to a positive duration")
  void reservationWindow() {
    assertThat(Credits.builder().build().tickets().reservationWindow()).isEqualTo(Duration.ofMinutes(15));
    Credits credits = Credits.builder().clock(Clock.fixed(T0, ZoneOffset.UTC))
        .reservationWindow(Duration.ofMinutes(5)).build();
    Ticket t = credits.tickets().create(SELLER, "Row A", Money.parse("5.00", "EUR"));
    assertThat(credits.tickets().reserve(t.id(), ALICE).paymentDeadline()).isEqualTo(T0.plusSeconds(300));

    assertThatThrownBy(() -> Credits.builder().reservationWindow(Duration.ofMinutes(1))
        .reservationWindow(Duration.ofMinutes(2))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Credits.builder().reservationWindow(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a failing event publisher does not stop a cancelled order from releasing its ticket")
  void failingPublisher() {
    AtomicInteger calls = new AtomicInteger();
    Credits credits = Credits.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).events(e -> {
      calls.incrementAndGet();
      throw new IllegalStateException("broker down");
    }).build();
    Ticket t = credits.tickets().create(SELLER, "Row A", Money.parse("5.00", "EUR"));
    Order order = credits.tickets().reserve(t.id(), ALICE);

    assertThat(credits.tickets().cancel(order.id(), ALICE).status()).isEqualTo(OrderStatus.CANCELLED);

    assertThat(credits.tickets().get(t.id()).isReservedAt(T0)).isFalse();
    assertThat(calls.get()).as("TicketCreated, OrderCreated, TicketReserved, OrderClosed, TicketReleased").isEqualTo(5);
  }

  @Test
  @DisplayName("a store that keeps no tickets still builds a facade; only the ticket module refuses to work")
  void storeWithoutTickets() {
    CreditsStore memory = new InMemoryCreditsStore();
    CreditsStore noTickets = new CreditsStore() {
      @Override
      public OfferStore offers() {
        return memory.offers();
      }

      @Override
      public OrderStore orders() {
        return memory.orders();
      }

      @Override
      public WalletStore wallets() {
        return memory.wallets();
      }

      @Override
      public ProcessedEventStore processedEvents() {
        return memory.processedEvents();
      }

      @Override
      public LeaseLockStore locks() {
        return memory.locks();
      }
    };
    Credits credits = Credits.builder().store(noTickets).build();

    assertThat(credits.sweep(10).ran()).isTrue();
    assertThatThrownBy(() -> credits.tickets().create(SELLER, "Row A", Money.parse("5.00", "EUR")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}

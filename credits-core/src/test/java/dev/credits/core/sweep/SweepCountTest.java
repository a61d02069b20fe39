package dev.credits.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.Credits;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.LeaseLockStore;
import dev.credits.core.spi.OfferStore;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.ProcessedEventStore;
import dev.credits.core.spi.WalletStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A sweep reports the orders it expired itself. Before the fix it counted every due order it found
 * EXPIRED afterwards, so two instances sweeping the same orders reported each twice.
 */
@DisplayName("sweep report counts")
class SweepCountTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant LATER = T0.plusSeconds(3_600);

  @Test
  @DisplayName("a sweep that finds due orders another instance expired meanwhile reports none as its own")
  void countsOnlyItsOwnExpiries() {
    InMemoryCreditsStore store = new InMemoryCreditsStore();
    Credits early = Credits.builder().store(store).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
    early.saveOffer(Offer.builder("pack", "Pack").group("chat").price("5.00", "USD").tokens(10).build());
    for (int i = 0; i < 3; i++) {
      early.createOrder(OfferId.of("pack"), UserId.of("u" + i), 1);
    }
    List<Order> seenBySlowInstance = store.orders().findDue(LATER, 10);

    Credits fast = Credits.builder().store(store).clock(Clock.fixed(LATER, ZoneOffset.UTC)).build();
    Credits slow = Credits.builder().store(new StaleDue(store, seenBySlowInstance))
        .clock(Clock.fixed(LATER, ZoneOffset.UTC)).build();

    assertThat(fast.sweep(10).ordersExpired()).isEqualTo(3);
    assertThat(slow.sweep(10).ordersExpired()).isZero();
    assertThat(store.orders().findByUser(UserId.of("u0"))).extracting(Order::status)
        .containsExactly(OrderStatus.EXPIRED);
  }

  /** A store whose findDue answers with what it read earlier (an instance that read just before another swept). */
  private static final class StaleDue implements CreditsStore {
    private final CreditsStore store;
    private final OrderStore orders;

    StaleDue(CreditsStore store, List<Order> due) {
      this.store = store;
      OrderStore real = store.orders();
      this.orders = new OrderStore() {
        @Override
        public void insert(Order order) {
          real.insert(order);
        }

        @Override
        public Optional<Order> find(OrderId id) {
          return real.find(id);
        }

        @Override
        public boolean replace(Order next) {
          return real.replace(next);
        }

        @Override
        public List<Order> findByUser(UserId userId) {
          return real.findByUser(userId);
        }

        @Override
        public Optional<Order> findByPaymentReference(String reference) {
          return real.findByPaymentReference(reference);
        }

        @Override
        public List<Order> findDue(Instant now, int limit) {
          return due;
        }
      };
    }

    @Override
    public OfferStore offers() {
      return store.offers();
    }

    @Override
    public OrderStore orders() {
      return orders;
    }

    @Override
    public WalletStore wallets() {
      return store.wallets();
    }

    @Override
    public ProcessedEventStore processedEvents() {
      return store.processedEvents();
    }

    @Override
    public LeaseLockStore locks() {
      return store.locks();
    }
  }
}

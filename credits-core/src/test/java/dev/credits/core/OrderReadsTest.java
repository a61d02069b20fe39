package dev.credits.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.memory.SimulatedPaymentGateway;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Completing an order reads it once: each compare-and-set starts from the version already known. */
@DisplayName("order completion and its store calls")
class OrderReadsTest {
  private static final UserId BOB = UserId.of("bob");

  private final InMemoryCreditsStore memory = new InMemoryCreditsStore();
  private final CountingStore store = new CountingStore(memory);
  private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
  private final Credits credits = facade(store);

  private Credits facade(CreditsStore s) {
    return Credits.builder().store(s).gateway(gateway).clock(Clock.fixed(Instant.parse("2026-01-31T10:00:00Z"),
        ZoneOffset.UTC)).build();
  }

  private Order pendingPaidOrder() {
    credits.saveOffer(Offer.builder("pack", "100 tokens").group("api").price("9.00", "EUR").tokens(100).build());
    Order order = credits.createOrder(OfferId.of("pack"), BOB, 1);
    credits.startPayment(order.id(), BOB);
    store.orders.reads.set(0);
    store.orders.replaces.set(0);
    return order;
  }

  @Test
  @DisplayName("confirming a paid order reads it once and writes it twice (paid, then granted)")
  void confirmReadsOnce() {
    Order order = pendingPaidOrder();

    Order done = credits.confirmPayment(order.id(), BOB);

    assertThat(done.status()).isEqualTo(OrderStatus.PAID);
    assertThat(done.granted()).isTrue();
    assertThat(store.orders.reads).hasValue(1);
    assertThat(store.orders.replaces).hasValue(2);
    assertThat(credits.getUserCredits(BOB).balance("api")).isEqualTo(100);
  }

  @Test
  @DisplayName("when the order changed after it was read, the compare-and-set fails, it is re-read and granted once")
  void lostRaceRereads() {
    Order order = pendingPaidOrder();
    Credits other = facade(memory);
    store.orders.beforeFirstReplace = () -> other.confirmPayment(order.id(), BOB);

    Order done = credits.confirmPayment(order.id(), BOB);

    assertThat(done.status()).isEqualTo(OrderStatus.PAID);
    assertThat(done.granted()).isTrue();
    assertThat(store.orders.reads).as("the first read, then one after the lost compare-and-set").hasValue(2);
    assertThat(credits.getUserCredits(BOB).balance("api")).isEqualTo(100);
  }

  /** The in-memory store, with its order store counted. */
  private static final class CountingStore implements CreditsStore {
    private final CreditsStore inner;
    final CountingOrders orders;

    CountingStore(CreditsStore inner) {
      this.inner = inner;
      this.orders = new CountingOrders(inner.orders());
    }

    @Override
    public OfferStore offers() {
      return inner.offers();
    }

    @Override
    public OrderStore orders() {
      return orders;
    }

    @Override
    public WalletStore wallets() {
      return inner.wallets();
    }

    @Override
    public ProcessedEventStore processedEvents() {
      return inner.processedEvents();
    }

    @Override
    public LeaseLockStore locks() {
      return inner.locks();
    }
  }

  /** Counts reads by id and compare-and-sets; can run something once, just before the first compare-and-set. */
  private static final class CountingOrders implements OrderStore {
    private final OrderStore inner;
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger replaces = new AtomicInteger();
    Runnable beforeFirstReplace;

    CountingOrders(OrderStore inner) {
      this.inner = inner;
    }

    @Override
    public void insert(Order order) {
      inner.insert(order);
    }

    @Override
    public Optional<Order> find(OrderId id) {
      reads.incrementAndGet();
      return inner.find(id);
    }

    @Override
    public boolean replace(Order next) {
      Runnable hook = beforeFirstReplace;
      beforeFirstReplace = null;
      if (hook != null) {
        hook.run();
      }
      replaces.incrementAndGet();
      return inner.replace(next);
    }

    @Override
    public List<Order> findByUser(UserId userId) {
      return inner.findByUser(userId);
    }

    @Override
    public Optional<Order> findByPaymentReference(String reference) {
      return inner.findByPaymentReference(reference);
    }

    @Override
    public List<Order> findDue(Instant now, int limit) {
      return inner.findDue(now, limit);
    }
  }
}

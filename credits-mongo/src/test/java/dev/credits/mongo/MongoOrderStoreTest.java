package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.ConflictException;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.GrantPlan;
import dev.credits.core.model.Money;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentInfo;
import dev.credits.core.model.Refund;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.OrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoDB orders")
class MongoOrderStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final UserId ANN = UserId.of("ann");

  private OrderStore orders;

  @BeforeEach
  void setUp() {
    orders = InProcessMongo.freshStore().orders();
  }

  private static Order pending(String id, Instant at) {
    List<GrantPlan> plan = List.of(new GrantPlan("api", OfferId.of("pack"), false, 100, Cycle.MONTHLY, 1, true),
        new GrantPlan("pro", OfferId.of("sub"), true, 0, Cycle.of(Duration.ofHours(36)), 2, false));
    return Order.pending(OrderId.of(id), ANN, OfferId.of("pack"), 2, Money.ofMinor(1800, "EUR"), plan, at,
        at.plus(Duration.ofMinutes(30)));
  }

  @Test
  @DisplayName("an order reads back equal, with its plan, payment, refunds and history")
  void roundTrip() {
    Order o = pending("o1", T0);
    orders.insert(o);
    Order paid = o.withPayment(new PaymentInfo("fake", "pi_1", Money.ofMinor(1800, "EUR")), T0.plusSeconds(5))
        .moveTo(OrderStatus.PAID, T0.plusSeconds(6), "paid").withVersion(1);
    assertThat(orders.replace(paid)).isTrue();
    Order refunded = paid.withRefund(new Refund("re_1", "key-1", Money.ofMinor(300, "EUR"), T0.plusSeconds(9)));

    assertThat(orders.replace(refunded)).isTrue();
    assertThat(orders.find(o.id())).contains(refunded);
    assertThat(orders.findByPaymentReference("pi_1")).contains(refunded);
    assertThat(orders.findByPaymentReference("pi_2")).isEmpty();
    assertThat(orders.find(OrderId.of("nope"))).isEmpty();
  }

  @Test
  @DisplayName("inserting an existing order id is a conflict")
  void duplicateInsert() {
    orders.insert(pending("o1", T0));

    assertThatThrownBy(() -> orders.insert(pending("o1", T0))).isInstanceOf(ConflictException.class);
  }

  @Test
  @DisplayName("replace is a compare-and-set on the version: a stale writer loses")
  void compareAndSet() {
    Order o = pending("o1", T0);
    orders.insert(o);
    Order cancelled = o.moveTo(OrderStatus.CANCELLED, T0.plusSeconds(1), "buyer");
    Order expired = o.moveTo(OrderStatus.EXPIRED, T0.plusSeconds(2), "window");

    assertThat(orders.replace(cancelled)).isTrue();
    assertThat(orders.replace(expired)).isFalse();
    assertThat(orders.find(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(orders.replace(pending("unknown", T0).withVersion(1))).isFalse();
  }

  @Test
  @DisplayName("a user's orders come newest first")
  void byUser() {
    orders.insert(pending("a", T0));
    orders.insert(pending("b", T0.plusSeconds(60)));
    orders.insert(pending("c", T0.plusSeconds(30)));

    assertThat(orders.findByUser(ANN)).extracting(o -> o.id().value()).containsExactly("b", "c", "a");
    assertThat(orders.findByUser(UserId.of("nobody"))).isEmpty();
  }

  @Test
  @DisplayName("due orders are pending ones past their window and paid ones not yet granted")
  void due() {
    Order late = pending("late", T0);
    Order fresh = pending("fresh", T0.plusSeconds(1200));
    Order paid = pending("paid", T0);
    Order done = pending("done", T0);
    orders.insert(late);
    orders.insert(fresh);
    orders.insert(paid);
    orders.insert(done);
    orders.replace(paid.moveTo(OrderStatus.PAID, T0.plusSeconds(1), "paid"));
    Order donePaid = done.moveTo(OrderStatus.PAID, T0.plusSeconds(1), "paid");
    assertThat(orders.replace(donePaid)).isTrue();
    assertThat(orders.replace(donePaid.markGranted(T0.plusSeconds(2)))).isTrue();

    Instant now = T0.plus(Duration.ofMinutes(31));
    assertThat(orders.findDue(now, 10)).extracting(o -> o.id().value()).containsExactlyInAnyOrder("late", "paid");
    assertThat(orders.findDue(now, 1)).hasSize(1);
    assertThat(orders.findDue(T0, 10)).extracting(o -> o.id().value()).containsExactly("paid");
  }
}

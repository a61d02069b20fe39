package dev.credits.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Order")
class OrderTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Money TOTAL = Money.parse("10.00", "USD");

  private static Order pending() {
    return Order.pending(OrderId.of("o-1"), UserId.of("alice"), OfferId.of("pack"), 2, TOTAL,
        List.of(new GrantPlan("chat", OfferId.of("pack"), false, 1000, Cycle.ONCE, 1, false)), T0,
        T0.plusSeconds(1800));
  }

  private static Order inStatus(OrderStatus status) {
    Order o = pending();
    return new Order(o.id(), o.userId(), o.offerId(), o.quantity(), o.total(), status, o.payment(), o.refunds(),
        o.plan(), o.history(), o.createdAt(), o.updatedAt(), o.paymentDeadline(), o.granted(), 3);
  }

  private static Refund refund(String id, String amount, Instant at) {
    return new Refund(id, "key-" + id, Money.parse(amount, "USD"), at);
  }

  @Test
  @DisplayName("a new order is PENDING at version 0 with one history entry")
  void newOrder() {
    Order o = pending();

    assertThat(o.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(o.version()).isZero();
    assertThat(o.granted()).isFalse();
    assertThat(o.history()).containsExactly(new StatusChange(null, OrderStatus.PENDING, T0, "created"));
    assertThat(o.refunded()).isEqualTo(Money.ofMinor(0, "USD"));
  }

  @ParameterizedTest(name = "PENDING -> {0}")
  @EnumSource(value = OrderStatus.class, names = {"PAID", "REFUSED", "ERROR", "CANCELLED", "EXPIRED", "INCONSISTENT"})
  @DisplayName("moveTo records an allowed move in the history and steps the version once")
  void moveToAllowed(OrderStatus next) {
    Order before = pending();

    Order after = before.moveTo(next, T1, "because");

    assertThat(after.status()).isEqualTo(next);
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.updatedAt()).isEqualTo(T1);
    assertThat(after.createdAt()).isEqualTo(T0);
    assertThat(after.history()).hasSize(2).last()
        .isEqualTo(new StatusChange(OrderStatus.PENDING, next, T1, "because"));
    assertThat(before.status()).isEqualTo(OrderStatus.PENDING);
  }

  @ParameterizedTest(name = "{0} -> every status")
  @EnumSource(OrderStatus.class)
  @DisplayName("moveTo rejects every move outside the table and leaves the order unchanged")
  void moveToRejected(OrderStatus from) {
    Order order = inStatus(from);
    for (OrderStatus to : OrderStatus.values()) {
      if (from.canMoveTo(to)) {
        assertThat(order.moveTo(to, T1, "").status()).isEqualTo(to);
      } else {
        assertThatThrownBy(() -> order.moveTo(to, T1, ""))
            .as(from + " -> " + to)
            .isInstanceOf(InvalidStateException.class)
            .hasMessageContaining(from.name())
            .hasMessageContaining(to.name());
      }
    }
    assertThat(order.status()).isEqualTo(from);
  }

  @Test
  @DisplayName("a null reason is recorded as empty")
  void nullReason() {
    assertThat(pending().moveTo(OrderStatus.CANCELLED, T1, null).history().get(1).reason()).isEmpty();
  }

  @Test
  @DisplayName("a partial refund keeps the order PAID and adds to what was refunded")
  void partialRefund() {
    Order paid = pending().moveTo(OrderStatus.PAID, T0, "paid");

    Order after = paid.withRefund(refund("r1", "4.00", T1));

    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(after.refunded()).isEqualTo(Money.parse("4.00", "USD"));
    assertThat(after.version()).isEqualTo(paid.version() + 1);
    assertThat(after.updatedAt()).isEqualTo(T1);
    assertThat(after.history()).isEqualTo(paid.history());
    assertThat(after.hasRefund("r1")).isTrue();
    assertThat(after.hasRefund("key-r1")).isTrue();
    assertThat(after.hasRefund("r2")).isFalse();
  }

  @Test
  @DisplayName("the refund that completes the total makes it REFUNDED in the same version step")
  void fullRefund() {
    Order paid = pending().moveTo(OrderStatus.PAID, T0, "paid");
    Order partly = paid.withRefund(refund("r1", "4.00", T1));

    Order full = partly.withRefund(refund("r2", "6.00", T1.plusSeconds(1)));

    assertThat(full.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(full.version()).isEqualTo(partly.version() + 1);
    assertThat(full.refunded()).isEqualTo(TOTAL);
    assertThat(full.history()).last()
        .isEqualTo(new StatusChange(OrderStatus.PAID, OrderStatus.REFUNDED, T1.plusSeconds(1), "refunded in full"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = OrderStatus.class, names = "PAID", mode = EnumSource.Mode.EXCLUDE)
  @DisplayName("only a PAID order can be refunded")
  void refundNeedsPaid(OrderStatus status) {
    assertThatThrownBy(() -> inStatus(status).withRefund(refund("r1", "1.00", T1)))
        .isInstanceOf(InvalidStateException.class)
        .hasMessageContaining(status.name());
  }

  @Test
  @DisplayName("a refund beyond the unrefunded rest, of zero, or in another currency is rejected")
  void refundMustFit() {
    Order paid = pending().moveTo(OrderStatus.PAID, T0, "paid").withRefund(refund("r1", "4.00", T1));

    assertThatThrownBy(() -> paid.withRefund(refund("r2", "6.01", T1))).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> paid.withRefund(refund("r2", "0.00", T1))).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> paid.withRefund(new Refund("r2", null, Money.parse("1.00", "EUR"), T1)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(paid.withRefund(refund("r2", "6.00", T1)).status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  @DisplayName("an order cannot hold a refund beyond its total or in another currency; refunds that add up beyond it count up to the total")
  void constructorChecksRefunds() {
    Order o = inStatus(OrderStatus.PAID);
    List<Refund> tooMuch = List.of(refund("r1", "10.01", T1));
    List<Refund> overlapping = List.of(refund("r1", "6.00", T1), refund("dp_1", "10.00", T1)); // a refund, then a chargeback
    List<Refund> otherCurrency = List.of(new Refund("r1", null, Money.parse("1.00", "EUR"), T1));

    assertThatThrownBy(() -> new Order(o.id(), o.userId(), o.offerId(), 1, o.total(), o.status(), null, tooMuch,
        o.plan(), o.history(), T0, T0, T0, false, 0)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new Order(o.id(), o.userId(), o.offerId(), 1, o.total(), o.status(), null,
        otherCurrency, o.plan(), o.history(), T0, T0, T0, false, 0)).isInstanceOf(InvalidRequestException.class);
    assertThat(new Order(o.id(), o.userId(), o.offerId(), 1, o.total(), o.status(), null, overlapping, o.plan(),
        o.history(), T0, T0, T0, false, 0).refunded()).isEqualTo(TOTAL);
  }

  @Test
  @DisplayName("an order needs a quantity of at least 1 and a non-negative version")
  void constructorChecksCounts() {
    Order o = pending();

    assertThatThrownBy(() -> new Order(o.id(), o.userId(), o.offerId(), 0, o.total(), o.status(), null, List.of(),
        o.plan(), o.history(), T0, T0, T0, false, 0)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new Order(o.id(), o.userId(), o.offerId(), 1, o.total(), o.status(), null, List.of(),
        o.plan(), o.history(), T0, T0, T0, false, -1)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("withPayment, markGranted and withVersion change only what they name")
  void otherChanges() {
    Order o = pending();
    PaymentInfo info = new PaymentInfo("simulated", "sim_o-1", null);

    Order withPayment = o.withPayment(info, T1);
    Order granted = withPayment.markGranted(T1.plusSeconds(1));

    assertThat(withPayment.payment()).isEqualTo(info);
    assertThat(withPayment.version()).isEqualTo(1);
    assertThat(granted.granted()).isTrue();
    assertThat(granted.version()).isEqualTo(2);
    assertThat(granted.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(granted.withVersion(7)).isEqualTo(new Order(granted.id(), granted.userId(), granted.offerId(),
        granted.quantity(), granted.total(), granted.status(), granted.payment(), granted.refunds(), granted.plan(),
        granted.history(), granted.createdAt(), granted.updatedAt(), granted.paymentDeadline(), true, 7));
  }

  @Test
  @DisplayName("its lists are immutable copies")
  void listsAreCopies() {
    Order o = pending();

    assertThatThrownBy(() -> o.history().add(new StatusChange(null, OrderStatus.PAID, T1, "")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> o.refunds().add(refund("r", "1.00", T1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("a failed refund no longer counts: a fully refunded order is PAID again, and failing twice changes nothing")
  void refundFailed() {
    Order paid = pending().withPayment(new PaymentInfo("fake", "pi_1", TOTAL), T0).moveTo(OrderStatus.PAID, T0, "paid");
    Order refunded = paid.withRefund(refund("re_1", "10.00", T1));
    assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(refunded.netCollected().isZero()).isTrue();

    Order failed = refunded.withRefundFailed("re_1", T1);

    assertThat(failed.status()).isEqualTo(OrderStatus.PAID);
    assertThat(failed.refunded().isZero()).isTrue();
    assertThat(failed.netCollected()).isEqualTo(TOTAL);
    assertThat(failed.hasRefund("re_1")).isTrue();
    assertThat(failed.withRefundFailed("re_1", T1)).isSameAs(failed);
    assertThat(failed.withRefundFailed("re_unknown", T1)).isSameAs(failed);
  }

  @Test
  @DisplayName("a late payment refunded on a closed order is recorded with its refund; the order keeps nothing")
  void lateRefund() {
    Order expired = pending().moveTo(OrderStatus.EXPIRED, T0, "window");

    Order after = expired.withLateRefund(new PaymentInfo("fake", "pi_1", TOTAL),
        new Refund("re_1", "late:pi_1", TOTAL, T1));

    assertThat(after.status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(after.netCollected().isZero()).isTrue();
    assertThat(after.history()).last().extracting(StatusChange::reason).asString().startsWith("late payment pi_1");
    assertThatThrownBy(() -> pending().withLateRefund(new PaymentInfo("fake", "pi_1", TOTAL),
        new Refund("re_1", "late:pi_1", TOTAL, T1))).isInstanceOf(InvalidStateException.class);
  }

  @Test
  @DisplayName("a note keeps the status, is found again by its text, and a blank one is refused")
  void notes() {
    Order noted = pending().note(T1, "payment attempt failed: pi_1: card_declined");

    assertThat(noted.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(noted.history()).last().extracting(StatusChange::from, StatusChange::to)
        .containsExactly(OrderStatus.PENDING, OrderStatus.PENDING);
    assertThat(noted.hasHistory("payment attempt failed: pi_1: card_declined")).isTrue();
    assertThatThrownBy(() -> pending().note(T1, " ")).isInstanceOf(InvalidRequestException.class);
  }
}

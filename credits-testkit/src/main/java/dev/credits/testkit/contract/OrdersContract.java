package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Catalogs.ALICE;
import static dev.credits.testkit.contract.Catalogs.BOB;
import static dev.credits.testkit.contract.Catalogs.CHAT;
import static dev.credits.testkit.contract.Catalogs.balance;
import static dev.credits.testkit.contract.Catalogs.buy;
import static dev.credits.testkit.contract.Catalogs.chatPack;
import static dev.credits.testkit.contract.Catalogs.proOnlyPack;
import static dev.credits.testkit.contract.Catalogs.save;
import static dev.credits.testkit.contract.Catalogs.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.Credits;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.NotAuthorizedException;
import dev.credits.core.NotFoundException;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.ExpiryReport;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.StatusChange;
import dev.credits.core.model.SweepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on orders: totals, quantities, locked offers, the status machine, ownership, payment windows. */
public abstract class OrdersContract extends ContractSection {
  private static final Instant START = Instant.parse(CreditsFixture.START);

  /** Creates the section. */
  protected OrdersContract() {}

  private Credits credits() {
    return f.credits();
  }

  // ---- creation ----

  @Test
  @DisplayName("a new order is pending, with its total computed from the offer: quantity x unit price")
  void totalComputedFromOffer() {
    save(credits(), chatPack());

    Order order = credits().createOrder(chatPack().id(), ALICE, 3);

    assertThat(order.total()).isEqualTo(Money.ofMinor(1_500, "USD"));
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.userId()).isEqualTo(ALICE);
    assertThat(order.offerId()).isEqualTo(chatPack().id());
    assertThat(order.quantity()).isEqualTo(3);
    assertThat(order.createdAt()).isEqualTo(START);
    assertThat(order.paymentDeadline()).isEqualTo(START.plus(CreditsFixture.PAYMENT_WINDOW));
    assertThat(order.granted()).isFalse();
    assertThat(order.payment()).isNull();
    assertThat(order.history()).containsExactly(new StatusChange(null, OrderStatus.PENDING, START, "created"));
    assertThat(credits().getOrder(order.id(), ALICE)).isEqualTo(order);
    assertThat(credits().getOrders(ALICE)).containsExactly(order);
  }

  @Test
  @DisplayName("creating an order again with the same idempotency key returns the first order; another user's same key is another order")
  void idempotentCreation() {
    save(credits(), chatPack());

    Order first = credits().createOrder(chatPack().id(), ALICE, 2, null, "checkout-1");
    Order again = credits().createOrder(chatPack().id(), ALICE, 2, null, "checkout-1");
    Order bobs = credits().createOrder(chatPack().id(), BOB, 2, null, "checkout-1");

    assertThat(again).isEqualTo(first);
    assertThat(credits().getOrders(ALICE)).containsExactly(first);
    assertThat(bobs.id()).isNotEqualTo(first.id());
    assertThat(f.events().of(dev.credits.core.event.CreditsEvent.OrderCreated.class)).hasSize(2);
  }

  @Test
  @DisplayName("an idempotency key reused for a different quantity is a conflict and creates nothing")
  void idempotencyKeyReusedDifferently() {
    save(credits(), chatPack());
    Order first = credits().createOrder(chatPack().id(), ALICE, 2, null, "checkout-1");

    assertThatThrownBy(() -> credits().createOrder(chatPack().id(), ALICE, 3, null, "checkout-1"))
        .isInstanceOf(dev.credits.core.ConflictException.class);
    assertThat(credits().getOrders(ALICE)).containsExactly(first);
  }

  @Test
  @DisplayName("editing the offer after ordering changes neither the order's total nor what it grants")
  void orderFixedAtCreation() {
    save(credits(), chatPack());
    Order order = credits().createOrder(chatPack().id(), ALICE, 2);
    save(credits(), Offer.builder("chat-pack", "Chat, now dearer").group(CHAT).price("50.00", "USD").tokens(999)
        .build());

    assertThat(credits().startPayment(order.id(), ALICE).amount()).isEqualTo(Money.ofMinor(1_000, "USD"));
    Order paid = credits().confirmPayment(order.id(), ALICE);

    assertThat(paid.total()).isEqualTo(Money.ofMinor(1_000, "USD"));
    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(200);
  }

  @Test
  @DisplayName("quantity must be at least 1 and at most the offer's quantityLimit; a rejected order writes nothing")
  void quantityBounds() {
    save(credits(), chatPack());

    assertThatThrownBy(() -> credits().createOrder(chatPack().id(), ALICE, 0))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().createOrder(chatPack().id(), ALICE, -1))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().createOrder(chatPack().id(), ALICE, 11))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(credits().getOrders(ALICE)).isEmpty();
    assertThat(f.events().all()).isEmpty();

    assertThat(credits().createOrder(chatPack().id(), ALICE, 10).total()).isEqualTo(Money.ofMinor(5_000, "USD"));
  }

  @Test
  @DisplayName("a total that overflows is rejected with a typed exception and nothing is written")
  void overflowingTotalRejected() {
    save(credits(), Offer.builder("huge", "Huge").group(CHAT).price(Money.ofMinor(Long.MAX_VALUE / 2, "USD"))
        .tokens(1).quantityLimit(Integer.MAX_VALUE).build());

    assertThatThrownBy(() -> credits().createOrder(OfferId.of("huge"), ALICE, 3))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("overflow");
    assertThatThrownBy(() -> credits().createOrder(OfferId.of("huge"), ALICE, Integer.MAX_VALUE))
        .isInstanceOf(InvalidRequestException.class);

    assertThat(credits().getOrders(ALICE)).isEmpty();
    assertThat(f.events().all()).isEmpty();
    assertThat(f.gateway().intentCalls()).isZero();
  }

  @Test
  @DisplayName("a token count that overflows is rejected with a typed exception and nothing is written")
  void overflowingTokensRejected() {
    save(credits(), Offer.builder("many", "Many").group(CHAT).price("1.00", "USD").tokens(Long.MAX_VALUE / 2)
        .quantityLimit(10).build());

    assertThatThrownBy(() -> credits().createOrder(OfferId.of("many"), ALICE, 3))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("overflow");

    assertThat(credits().getOrders(ALICE)).isEmpty();
    assertThat(f.events().all()).isEmpty();
  }

  @Test
  @DisplayName("a subscription quantity whose period overflows the calendar is rejected before anything is paid")
  void overflowingPeriodRejected() {
    save(credits(), Offer.builder("forever", "Forever").kind(OfferKind.SUBSCRIPTION).group("sub")
        .price("1.00", "USD").tokens(1).cycle(Cycle.YEARLY).quantityLimit(Integer.MAX_VALUE).build());

    assertThatThrownBy(() -> credits().createOrder(OfferId.of("forever"), ALICE, 1_500_000_000))
        .isInstanceOf(InvalidRequestException.class);

    assertThat(credits().getOrders(ALICE)).isEmpty();
    assertThat(f.events().all()).isEmpty();
  }

  @Test
  @DisplayName("ordering an unknown offer throws NotFoundException and writes nothing")
  void unknownOfferNotFound() {
    assertThatThrownBy(() -> credits().createOrder(OfferId.of("nope"), ALICE, 1))
        .isInstanceOf(NotFoundException.class);
    assertThat(credits().getOrders(ALICE)).isEmpty();
  }

  @Test
  @DisplayName("a locked offer cannot be ordered without its unlocking subscription")
  void lockedOfferCannotBeOrdered() {
    save(credits(), proOnlyPack());

    assertThatThrownBy(() -> credits().createOrder(proOnlyPack().id(), ALICE, 1))
        .isInstanceOf(InvalidStateException.class);
    assertThat(credits().getOrders(ALICE)).isEmpty();
    assertThat(f.events().all()).isEmpty();
  }

  @Test
  @DisplayName("missing ids and currencies are rejected with InvalidRequestException")
  void missingInputRejected() {
    save(credits(), chatPack());

    assertThatThrownBy(() -> credits().createOrder(chatPack().id(), null, 1))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().createOrder(null, ALICE, 1)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().createOrder(chatPack().id(), ALICE, 1, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().getOrder(null, ALICE)).isInstanceOf(InvalidRequestException.class);
    assertThat(credits().getOrders(ALICE)).isEmpty();
  }

  @Test
  @DisplayName("a user's orders are listed newest first")
  void ordersNewestFirst() {
    save(credits(), chatPack());
    Order first = credits().createOrder(chatPack().id(), ALICE, 1);
    f.clock().advance(Duration.ofMinutes(1));
    Order second = credits().createOrder(chatPack().id(), ALICE, 2);
    f.clock().advance(Duration.ofMinutes(1));
    Order third = credits().createOrder(chatPack().id(), ALICE, 3);

    assertThat(credits().getOrders(ALICE)).extracting(Order::id).containsExactly(third.id(), second.id(), first.id());
    assertThat(credits().getOrders(BOB)).isEmpty();
  }

  // ---- the status machine ----

  @Test
  @DisplayName("the status table: PENDING moves to PAID, REFUSED, ERROR, CANCELLED, EXPIRED or INCONSISTENT; "
      + "PAID only to REFUNDED, REFUNDED back to PAID (a failed refund), closed ones to PAID or INCONSISTENT (late money)")
  void statusTable() {
    Map<OrderStatus, Set<OrderStatus>> allowed = Map.of(
        OrderStatus.PENDING, EnumSet.of(OrderStatus.PAID, OrderStatus.REFUSED, OrderStatus.ERROR,
            OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.INCONSISTENT),
        OrderStatus.PAID, EnumSet.of(OrderStatus.REFUNDED),
        OrderStatus.REFUNDED, EnumSet.of(OrderStatus.PAID),
        OrderStatus.REFUSED, EnumSet.of(OrderStatus.PAID, OrderStatus.INCONSISTENT),
        OrderStatus.ERROR, EnumSet.of(OrderStatus.PAID, OrderStatus.INCONSISTENT),
        OrderStatus.CANCELLED, EnumSet.of(OrderStatus.PAID, OrderStatus.INCONSISTENT),
        OrderStatus.EXPIRED, EnumSet.of(OrderStatus.PAID, OrderStatus.INCONSISTENT));
    for (OrderStatus from : OrderStatus.values()) {
      for (OrderStatus to : OrderStatus.values()) {
        assertThat(from.canMoveTo(to)).as(from + " -> " + to)
            .isEqualTo(allowed.getOrDefault(from, Set.of()).contains(to));
      }
      assertThat(from.isFinal()).as(from + " final").isEqualTo(!allowed.containsKey(from));
    }
  }

  @Test
  @DisplayName("cancelling a paid order is rejected and changes nothing")
  void cannotCancelPaidOrder() {
    save(credits(), chatPack());
    Order paid = buy(f, chatPack(), ALICE);

    assertThatThrownBy(() -> credits().cancelOrder(paid.id(), ALICE)).isInstanceOf(InvalidStateException.class);

    assertThat(credits().getOrder(paid.id(), ALICE)).isEqualTo(paid);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  @Test
  @DisplayName("a cancelled order may be cancelled again, but not paid, confirmed into PAID, or refunded")
  void cancelledOrderIsFinal() {
    save(credits(), chatPack());
    Order order = started(f, chatPack().id(), ALICE, 1);

    Order cancelled = credits().cancelOrder(order.id(), ALICE);
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(credits().cancelOrder(order.id(), ALICE)).isEqualTo(cancelled);

    assertThatThrownBy(() -> credits().startPayment(order.id(), ALICE)).isInstanceOf(InvalidStateException.class);
    assertThat(credits().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThatThrownBy(() -> credits().refundOrder(order.id(), Money.ofMinor(500, "USD"), "r1"))
        .isInstanceOf(InvalidStateException.class);
    assertThat(balance(f, ALICE, CHAT)).isZero();
  }

  @Test
  @DisplayName("a refused or expired order cannot be cancelled")
  void finalOrdersCannotBeCancelled() {
    save(credits(), chatPack());
    Order refused = started(f, chatPack().id(), ALICE, 1);
    f.gateway().willDecline("card declined");
    credits().confirmPayment(refused.id(), ALICE);
    Order expiring = credits().createOrder(chatPack().id(), ALICE, 1);
    f.clock().advance(CreditsFixture.PAYMENT_WINDOW);
    credits().sweep(100);

    assertThatThrownBy(() -> credits().cancelOrder(refused.id(), ALICE)).isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> credits().cancelOrder(expiring.id(), ALICE))
        .isInstanceOf(InvalidStateException.class);
    assertThat(credits().getOrder(refused.id(), ALICE).status()).isEqualTo(OrderStatus.REFUSED);
    assertThat(credits().getOrder(expiring.id(), ALICE).status()).isEqualTo(OrderStatus.EXPIRED);
  }

  @Test
  @DisplayName("every status change is recorded in the order's history, with its time and reason")
  void historyRecorded() {
    save(credits(), chatPack());
    Order order = started(f, chatPack().id(), ALICE, 1);
    f.clock().advance(Duration.ofMinutes(5));
    Instant paidAt = f.clock().instant();

    Order paid = credits().confirmPayment(order.id(), ALICE);

    assertThat(paid.history()).hasSize(2);
    assertThat(paid.history().get(0)).isEqualTo(new StatusChange(null, OrderStatus.PENDING, START, "created"));
    StatusChange change = paid.history().get(1);
    assertThat(change.from()).isEqualTo(OrderStatus.PENDING);
    assertThat(change.to()).isEqualTo(OrderStatus.PAID);
    assertThat(change.at()).isEqualTo(paidAt);
    assertThat(paid.version()).isGreaterThan(order.version());

    Order refused = started(f, chatPack().id(), ALICE, 1);
    f.gateway().willDecline("insufficient funds");
    Order after = credits().confirmPayment(refused.id(), ALICE);
    assertThat(after.history()).extracting(StatusChange::to).containsExactly(OrderStatus.PENDING, OrderStatus.PENDING);
    assertThat(after.history().get(1).reason()).endsWith("insufficient funds");
    f.clock().set(after.paymentDeadline());
    credits().sweep(100);
    Order closed = credits().getOrder(refused.id(), ALICE);
    assertThat(closed.status()).isEqualTo(OrderStatus.REFUSED); // the window ended on a declined attempt
    assertThat(closed.history()).extracting(StatusChange::to)
        .containsExactly(OrderStatus.PENDING, OrderStatus.PENDING, OrderStatus.REFUSED);
  }

  // ---- ownership ----

  @Test
  @DisplayName("another user can neither read, pay, confirm nor cancel someone's order")
  void otherUsersAreNotAuthorized() {
    save(credits(), chatPack());
    Order order = credits().createOrder(chatPack().id(), ALICE, 1);

    assertThatThrownBy(() -> credits().getOrder(order.id(), BOB)).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> credits().startPayment(order.id(), BOB)).isInstanceOf(NotAuthorizedException.class);
    assertThat(f.gateway().intentCalls()).isZero();

    credits().startPayment(order.id(), ALICE);
    Order started = credits().getOrder(order.id(), ALICE);
    assertThatThrownBy(() -> credits().confirmPayment(order.id(), BOB)).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> credits().cancelOrder(order.id(), BOB)).isInstanceOf(NotAuthorizedException.class);

    assertThat(credits().getOrder(order.id(), ALICE)).isEqualTo(started);
    assertThat(credits().getOrders(BOB)).isEmpty();
    assertThat(balance(f, BOB, CHAT)).isZero();
    assertThat(balance(f, ALICE, CHAT)).isZero();
  }

  @Test
  @DisplayName("an unknown order id throws NotFoundException")
  void unknownOrderNotFound() {
    OrderId nope = OrderId.of("ord_nope");

    assertThatThrownBy(() -> credits().getOrder(nope, ALICE)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> credits().confirmPayment(nope, ALICE)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> credits().cancelOrder(nope, ALICE)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> credits().startPayment(nope, ALICE)).isInstanceOf(NotFoundException.class);
  }

  // ---- payment window ----

  @Test
  @DisplayName("a pending order expires exactly when its payment window ends (checkForExpiredOrders)")
  void pendingOrderExpiresAfterWindow() {
    save(credits(), chatPack());
    Order order = credits().createOrder(chatPack().id(), ALICE, 1);

    f.clock().set(order.paymentDeadline().minusSeconds(1));
    assertThat(credits().checkForExpiredOrders(ALICE, Duration.ZERO, Map.of()).expiredOrders()).isEmpty();
    assertThat(credits().getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.PENDING);

    f.clock().set(order.paymentDeadline());
    ExpiryReport report = credits().checkForExpiredOrders(ALICE, Duration.ZERO, Map.of());

    assertThat(report.expiredOrders()).extracting(Order::id).containsExactly(order.id());
    Order expired = credits().getOrder(order.id(), ALICE);
    assertThat(expired.status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(expired.history()).last().extracting(StatusChange::from).isEqualTo(OrderStatus.PENDING);
    assertThat(credits().checkForExpiredOrders(ALICE, Duration.ZERO, Map.of()).expiredOrders())
        .as("expired once").isEmpty();
  }

  @Test
  @DisplayName("the sweep expires pending orders past their window, once")
  void sweepExpiresPendingOrders() {
    save(credits(), chatPack());
    Order late = credits().createOrder(chatPack().id(), ALICE, 1);
    f.clock().advance(Duration.ofMinutes(10));
    Order recent = credits().createOrder(chatPack().id(), BOB, 1);
    f.clock().set(late.paymentDeadline());

    SweepReport first = credits().sweep(100);
    SweepReport second = credits().sweep(100);

    assertThat(first.ordersExpired()).isEqualTo(1);
    assertThat(second.ordersExpired()).isZero();
    assertThat(credits().getOrder(late.id(), ALICE).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(credits().getOrder(recent.id(), BOB).status()).isEqualTo(OrderStatus.PENDING);
  }

  @Test
  @DisplayName("an order whose window passed cannot start a payment: it is expired instead")
  void startingPaymentAfterWindowRejected() {
    save(credits(), chatPack());
    Order order = credits().createOrder(chatPack().id(), ALICE, 1);
    f.clock().set(order.paymentDeadline());

    assertThatThrownBy(() -> credits().startPayment(order.id(), ALICE)).isInstanceOf(InvalidStateException.class);

    assertThat(credits().getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(f.gateway().intentCalls()).isZero();
  }

  @Test
  @DisplayName("expiring an order cancels its payment at the processor first: it can no longer be paid")
  void expiryCancelsThePayment() {
    save(credits(), chatPack());
    Order order = started(f, chatPack().id(), ALICE, 1);
    f.clock().set(order.paymentDeadline());
    credits().sweep(100);

    assertThat(f.gateway().inspect(order.payment().reference())).isInstanceOf(PaymentStatus.Canceled.class);
    assertThat(credits().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(balance(f, ALICE, CHAT)).isZero();
  }

  // ---- balances ----

  @Test
  @DisplayName("a group whose balance is exactly 0 still receives a later purchase")
  void zeroBalanceReceivesLaterPurchase() {
    save(credits(), chatPack());
    buy(f, chatPack(), ALICE);
    Consumption all = credits().tokensConsumed(ALICE, CHAT, 100, "spend-all");
    assertThat(all).isInstanceOf(Consumption.Spent.class);
    assertThat(balance(f, ALICE, CHAT)).isZero();

    Order again = buy(f, chatPack(), ALICE);

    assertThat(again.status()).isEqualTo(OrderStatus.PAID);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  @Test
  @DisplayName("a group whose tokens all expired receives a later purchase")
  void expiredGroupReceivesLaterPurchase() {
    Offer monthly = Offer.builder("chat-monthly", "Chat monthly").group(CHAT).price("2.00", "USD").tokens(40)
        .cycle(Cycle.MONTHLY).build();
    save(credits(), monthly);
    buy(f, monthly, ALICE);
    f.clock().advance(Duration.ofDays(40));
    assertThat(balance(f, ALICE, CHAT)).isZero();

    buy(f, monthly, ALICE);

    assertThat(balance(f, ALICE, CHAT)).isEqualTo(40);
  }
}

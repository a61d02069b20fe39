package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Catalogs.ALICE;
import static dev.credits.testkit.contract.Catalogs.CHAT;
import static dev.credits.testkit.contract.Catalogs.PRO;
import static dev.credits.testkit.contract.Catalogs.balance;
import static dev.credits.testkit.contract.Catalogs.buy;
import static dev.credits.testkit.contract.Catalogs.chatPack;
import static dev.credits.testkit.contract.Catalogs.onlyGrant;
import static dev.credits.testkit.contract.Catalogs.pack;
import static dev.credits.testkit.contract.Catalogs.proMonthly;
import static dev.credits.testkit.contract.Catalogs.proOnlyPack;
import static dev.credits.testkit.contract.Catalogs.save;
import static dev.credits.testkit.contract.Catalogs.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.ConflictException;
import dev.credits.core.Credits;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.PaymentGatewayException;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.PaymentInfo;
import dev.credits.core.model.StatusChange;
import dev.credits.core.model.SubscriptionStatus;
import dev.credits.core.model.WebhookAction;
import dev.credits.core.model.WebhookOutcome;
import dev.credits.testkit.FakePaymentGateway;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on refunds: shares of unspent tokens, idempotency, processor notifications, races. */
public abstract class RefundsContract extends ContractSection {
  private static final Money FIVE_USD = Money.ofMinor(500, "USD");

  /** Creates the section. */
  protected RefundsContract() {}

  private Credits credits() {
    return f.credits();
  }

  private WebhookOutcome deliver(FakePaymentGateway.Webhook hook) {
    return credits().handleWebhook(hook.payload(), hook.headers());
  }

  private WebhookOutcome deliver(PaymentEventType type, OrderId order, Money amount) {
    return deliver(f.gateway().webhook(type, order, amount));
  }

  private Order paidTenDollarPack() {
    Offer ten = pack("ten", CHAT, "10.00", 100);
    save(credits(), ten);
    return buy(f, ten, ALICE);
  }

  @Test
  @DisplayName("a refund notified before the payment it refunds is deferred for redelivery, then applied once")
  void refundBeforePaymentIsDeferred() {
    Offer ten = pack("ten", CHAT, "10.00", 100);
    save(credits(), ten);
    Order order = started(f, ten.id(), ALICE, 1);
    FakePaymentGateway.Webhook refund = f.gateway().webhook(PaymentEventType.REFUNDED, order.id(),
        Money.ofMinor(250, "USD"));

    WebhookOutcome early = deliver(refund);
    deliver(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), Money.ofMinor(1_000, "USD"));
    WebhookOutcome redelivered = deliver(refund);
    WebhookOutcome duplicate = deliver(refund);

    assertThat(early.shouldRedeliver()).isTrue();
    assertThat(redelivered.action()).isEqualTo(WebhookAction.APPLIED);
    assertThat(duplicate.action()).isEqualTo(WebhookAction.DUPLICATE);
    assertThat(credits().getOrder(order.id(), ALICE).refunded()).isEqualTo(Money.ofMinor(250, "USD"));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(75);
  }

  @Test
  @DisplayName("a partial refund reverses floor(initial x refunded / total) of the unspent tokens; the order stays PAID")
  void partialRefundReversesShare() {
    Order order = paidTenDollarPack();

    Order after = credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-1");

    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(after.refunded()).isEqualTo(Money.ofMinor(250, "USD"));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(75);
    assertThat(onlyGrant(f, ALICE, CHAT).reversed()).isEqualTo(25);
    assertThat(f.gateway().refundsMade()).isEqualTo(1);
    List<LedgerEntry> refunds = credits().ledger(ALICE, CHAT, 0, 100).stream()
        .filter(e -> e.type() == LedgerEntryType.REFUND).collect(Collectors.toList());
    assertThat(refunds).extracting(LedgerEntry::amount).containsExactly(-25L);
  }

  @Test
  @DisplayName("partial refunds round down on the running refunded total, not per refund")
  void partialRefundsRoundOnRunningTotal() {
    Offer odd = pack("odd", CHAT, "9.99", 100);
    Offer cents = pack("cents", "cents", "3.00", 100);
    save(credits(), odd, cents);
    Order oddOrder = buy(f, odd, ALICE);
    Order centsOrder = buy(f, cents, ALICE);

    credits().refundOrder(oddOrder.id(), Money.ofMinor(100, "USD"), "odd-1");
    assertThat(balance(f, ALICE, CHAT)).as("floor(100 x 100 / 999) = 10").isEqualTo(90);
    credits().refundOrder(oddOrder.id(), Money.ofMinor(100, "USD"), "odd-2");
    assertThat(balance(f, ALICE, CHAT)).as("floor(100 x 200 / 999) = 20").isEqualTo(80);

    for (int i = 1; i <= 3; i++) {
      credits().refundOrder(centsOrder.id(), Money.ofMinor(1, "USD"), "cent-" + i);
    }
    assertThat(balance(f, ALICE, "cents")).as("floor(100 x 3 / 300) = 1").isEqualTo(99);
  }

  @Test
  @DisplayName("a full refund reverses what is left, makes the order REFUNDED and ends its subscription")
  void fullRefundEndsSubscription() {
    save(credits(), proMonthly(), proOnlyPack());
    Order order = buy(f, proMonthly(), ALICE);
    assertThat(credits().loadOffers(ALICE)).extracting(Offer::id).contains(proOnlyPack().id());

    Order after = credits().refundOrder(order.id(), order.total(), "full");

    assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(after.history()).last().extracting(StatusChange::from, StatusChange::to)
        .containsExactly(OrderStatus.PAID, OrderStatus.REFUNDED);
    assertThat(balance(f, ALICE, PRO)).isZero();
    assertThat(credits().isUserAlreadySubscribed(ALICE, proMonthly().id())).isFalse();
    assertThat(credits().getUserCredits(ALICE).group(PRO).orElseThrow().subscriptions())
        .extracting(s -> s.status()).containsExactly(SubscriptionStatus.EXPIRED);
    assertThat(credits().loadOffers(ALICE)).extracting(Offer::id).doesNotContain(proOnlyPack().id());
    assertThatThrownBy(() -> credits().refundOrder(order.id(), Money.ofMinor(1, "USD"), "more"))
        .isInstanceOf(InvalidStateException.class);
  }

  @Test
  @DisplayName("a partial refund keeps a subscription active")
  void partialRefundKeepsSubscription() {
    save(credits(), proMonthly());
    Order order = buy(f, proMonthly(), ALICE);

    credits().refundOrder(order.id(), Money.ofMinor(100, "USD"), "partial");

    assertThat(credits().isUserAlreadySubscribed(ALICE, proMonthly().id())).isTrue();
    assertThat(balance(f, ALICE, PRO)).isEqualTo(1_000 - 1_000 * 100 / 999);
  }

  @Test
  @DisplayName("after tokens were spent, a refund reverses only what is left, never below zero")
  void refundAfterConsumptionReversesOnlyWhatIsLeft() {
    Order order = paidTenDollarPack();
    assertThat(credits().tokensConsumed(ALICE, CHAT, 70, "spend")).isInstanceOf(Consumption.Spent.class);

    credits().refundOrder(order.id(), Money.ofMinor(500, "USD"), "half");
    assertThat(balance(f, ALICE, CHAT)).as("half would be 50, only 30 are left").isZero();

    Order after = credits().refundOrder(order.id(), Money.ofMinor(500, "USD"), "rest");
    assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(f.events().of(CreditsEvent.OrderRefunded.class)).extracting(CreditsEvent.OrderRefunded::tokensReversed)
        .containsExactly(30L, 0L);
  }

  @Test
  @DisplayName("a full refund after partial consumption reverses exactly the unspent tokens")
  void fullRefundAfterConsumption() {
    Order order = paidTenDollarPack();
    credits().tokensConsumed(ALICE, CHAT, 70, "spend");

    credits().refundOrder(order.id(), order.total(), "full");

    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(f.events().of(CreditsEvent.OrderRefunded.class)).extracting(CreditsEvent.OrderRefunded::tokensReversed)
        .containsExactly(30L);
  }

  @Test
  @DisplayName("a refund retried with the same key refunds once")
  void refundRetriedOnce() {
    Order order = paidTenDollarPack();

    credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-1");
    Order again = credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-1");

    assertThat(again.refunds()).hasSize(1);
    assertThat(again.refunded()).isEqualTo(Money.ofMinor(250, "USD"));
    assertThat(f.gateway().refundsMade()).isEqualTo(1);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(75);
    assertThat(f.events().of(CreditsEvent.OrderRefunded.class)).hasSize(1);
  }

  @Test
  @DisplayName("a gateway failure during a refund changes nothing, and a retry with the same key completes it")
  void refundGatewayFailureThenRetry() {
    Order order = paidTenDollarPack();
    f.gateway().failCalls(1);

    assertThatThrownBy(() -> credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-1"))
        .isInstanceOf(PaymentGatewayException.class);
    assertThat(credits().getOrder(order.id(), ALICE).refunds()).isEmpty();
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);

    credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-1");
    assertThat(f.gateway().refundsMade()).isEqualTo(1);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(75);
  }

  @Test
  @DisplayName("refunding an unpaid order, more than what is left, another currency, or nothing is rejected")
  void badRefundsRejected() {
    save(credits(), chatPack());
    Order pending = started(f, chatPack().id(), ALICE, 1);
    assertThatThrownBy(() -> credits().refundOrder(pending.id(), FIVE_USD, "r-pending"))
        .isInstanceOf(InvalidStateException.class);
    f.gateway().willReport(Money.ofMinor(1, "USD"));
    Order inconsistent = credits().confirmPayment(pending.id(), ALICE);
    assertThatThrownBy(() -> credits().refundOrder(inconsistent.id(), Money.ofMinor(1, "USD"), "r-inc"))
        .isInstanceOf(InvalidStateException.class);
    f.gateway().willSucceed();

    Order paid = buy(f, chatPack(), ALICE);
    assertThatThrownBy(() -> credits().refundOrder(paid.id(), Money.ofMinor(501, "USD"), "r-more"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().refundOrder(paid.id(), Money.ofMinor(500, "EUR"), "r-eur"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().refundOrder(paid.id(), Money.ofMinor(0, "USD"), "r-zero"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().refundOrder(paid.id(), FIVE_USD, " "))
        .isInstanceOf(InvalidRequestException.class);

    assertThat(f.gateway().refundsMade()).isZero();
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  @Test
  @DisplayName("a REFUNDED webhook carries the cumulative amount: delivered twice, or repeated, it reverses once")
  void refundedWebhookReversesOnce() {
    Order order = paidTenDollarPack();
    FakePaymentGateway.Webhook quarter = f.gateway().webhook(PaymentEventType.REFUNDED, order.id(),
        Money.ofMinor(250, "USD"));

    assertThat(deliver(quarter).action()).isEqualTo(WebhookAction.APPLIED);
    assertThat(deliver(quarter).action()).isEqualTo(WebhookAction.DUPLICATE);
    deliver(PaymentEventType.REFUNDED, order.id(), Money.ofMinor(250, "USD"));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(75);
    assertThat(credits().getOrder(order.id(), ALICE).refunded()).isEqualTo(Money.ofMinor(250, "USD"));

    Order full = deliver(PaymentEventType.REFUNDED, order.id(), Money.ofMinor(1_000, "USD")).order();
    assertThat(full.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(f.events().of(CreditsEvent.OrderRefunded.class)).hasSize(2);
    assertThat(f.gateway().refundsMade()).as("the processor refunded, not us").isZero();
  }

  @Test
  @DisplayName("a refund made through the library and then notified by the processor reverses once")
  void apiRefundThenWebhookReversesOnce() {
    Order order = paidTenDollarPack();
    credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-1");

    deliver(PaymentEventType.REFUNDED, order.id(), Money.ofMinor(250, "USD"));

    Order after = credits().getOrder(order.id(), ALICE);
    assertThat(after.refunds()).hasSize(1);
    assertThat(after.refunded()).isEqualTo(Money.ofMinor(250, "USD"));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(75);
  }

  @Test
  @DisplayName("a second refund while another of the same order is at the processor is refused as a conflict, and its retry is recorded")
  void concurrentRefundsAreSerialised() {
    Order order = paidTenDollarPack();
    AtomicReference<Credits> racing = new AtomicReference<>();
    AtomicBoolean interrupted = new AtomicBoolean();
    racing.set(PaymentDoubles.withGateway(f, new PaymentDoubles.Interposed(f.gateway(), () -> {
      if (!interrupted.getAndSet(true)) {
        assertThatThrownBy(() -> racing.get().refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-2"))
            .isInstanceOf(ConflictException.class);
      }
    })));

    racing.get().refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-1");
    racing.get().refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-2");

    Order after = credits().getOrder(order.id(), ALICE);
    assertThat(f.gateway().refundsMade()).isEqualTo(2);
    assertThat(after.refunds()).hasSize(2);
    assertThat(after.refunded()).isEqualTo(Money.ofMinor(500, "USD"));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(50);
  }

  @Test
  @DisplayName("a processor notification recorded while the library's own refund call is in flight counts once")
  void notificationDuringRefundCountsOnce() {
    Order order = paidTenDollarPack();
    Credits refunding = PaymentDoubles.withGateway(f, new PaymentDoubles.Interposed(f.gateway(),
        () -> deliver(PaymentEventType.REFUNDED, order.id(), Money.ofMinor(250, "USD"))));

    refunding.refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-1");

    Order after = credits().getOrder(order.id(), ALICE);
    assertThat(after.refunded()).isEqualTo(Money.ofMinor(250, "USD"));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(75);
    assertThat(f.events().of(CreditsEvent.OrderRefunded.class)).hasSize(1);
  }

  @Test
  @DisplayName("a refund notified while a crashed payment had not finished granting is still taken back")
  void refundNotifiedBeforeGrantCompleted() {
    Offer ten = pack("ten", CHAT, "10.00", 100);
    save(credits(), ten);
    Order order = credits().createOrder(ten.id(), ALICE, 1);
    Order stored = f.store().orders().find(order.id()).orElseThrow();
    Order paidNotGranted = stored.withPayment(new PaymentInfo("fake", "pi_crashed", stored.total()), stored.createdAt())
        .moveTo(OrderStatus.PAID, stored.createdAt(), "paid, then the process died").withVersion(stored.version() + 1);
    assertThat(f.store().orders().replace(paidNotGranted)).isTrue();

    deliver(PaymentEventType.REFUNDED, order.id(), Money.ofMinor(250, "USD"));
    credits().sweep(100);

    Order after = credits().getOrder(order.id(), ALICE);
    assertThat(after.granted()).isTrue();
    assertThat(after.refunded()).isEqualTo(Money.ofMinor(250, "USD"));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(75);
  }

}

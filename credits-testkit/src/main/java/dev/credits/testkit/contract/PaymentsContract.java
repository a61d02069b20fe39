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
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.RefundResult;
import dev.credits.core.model.StatusChange;
import dev.credits.core.model.SubscriptionStatus;
import dev.credits.core.model.UserId;
import dev.credits.core.model.WebhookOutcome;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.PaymentGateway;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletStore;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.ForwardingCreditsStore;
import dev.credits.testkit.ForwardingPaymentGateway;
import dev.credits.testkit.ForwardingWalletStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on payments: exactly-once completion, webhooks, mismatches, free orders, refunds. */
public abstract class PaymentsContract extends ContractSection {
  private static final Money FIVE_USD = Money.ofMinor(500, "USD");

  /** Creates the section. */
  protected PaymentsContract() {}

  private Credits credits() {
    return f.credits();
  }

  /** A chat pack order (100 tokens, 5.00 USD) for Alice with its payment started. */
  private Order startedChatOrder() {
    save(credits(), chatPack());
    return started(f, chatPack().id(), ALICE, 1);
  }

  private WebhookOutcome deliver(FakePaymentGateway.Webhook hook) {
    return credits().handleWebhook(hook.payload(), hook.headers());
  }

  private WebhookOutcome deliver(PaymentEventType type, OrderId order, Money amount) {
    return deliver(f.gateway().webhook(type, order, amount));
  }

  private int paidEvents() {
    return f.events().of(CreditsEvent.OrderPaid.class).size();
  }

  private long ledgerEntries(UserId user, String group, LedgerEntryType type) {
    return credits().ledger(user, group, 0, 1_000).stream().filter(e -> e.type() == type).count();
  }

  /** Runs {@code task(0..threads-1)} on that many threads released together; rethrows the first failure. */
  private static void race(int threads, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        done.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          task.accept(n);
          return null;
        }));
      }
      ready.await();
      go.countDown();
      for (Future<?> d : done) {
        d.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- exactly once ----

  @Test
  @DisplayName("confirming a payment twice grants the tokens once and publishes OrderPaid once")
  void confirmTwiceGrantsOnce() {
    Order order = startedChatOrder();

    Order first = credits().confirmPayment(order.id(), ALICE);
    Order second = credits().confirmPayment(order.id(), ALICE);

    assertThat(first.status()).isEqualTo(OrderStatus.PAID);
    assertThat(first.granted()).isTrue();
    assertThat(second).isEqualTo(first);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
    assertThat(ledgerEntries(ALICE, CHAT, LedgerEntryType.GRANT)).isEqualTo(1);
    assertThat(paidEvents()).isEqualTo(1);
  }

  @Test
  @DisplayName("a payment keeps the processor's name, payment id and the amount it reported")
  void paymentRecordKeepsProcessorIds() {
    Order order = startedChatOrder();
    PaymentIntent intent = f.gateway().intentFor(order.id()).orElseThrow();

    Order paid = credits().confirmPayment(order.id(), ALICE);

    assertThat(paid.payment().processor()).isEqualTo("fake");
    assertThat(paid.payment().reference()).isEqualTo(intent.reference());
    assertThat(paid.payment().reported()).isEqualTo(FIVE_USD);
  }

  @Test
  @DisplayName("a success webhook delivered 5 times grants once: the first applies, the rest are duplicates")
  void webhookDeliveredFiveTimes() {
    Order order = startedChatOrder();
    FakePaymentGateway.Webhook hook = f.gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD);

    List<String> actions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      actions.add(deliver(hook).action());
    }

    assertThat(actions).containsExactly("applied", "duplicate", "duplicate", "duplicate", "duplicate");
    assertThat(credits().getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
    assertThat(paidEvents()).isEqualTo(1);
  }

  @Test
  @DisplayName("five distinct success events for one order grant once")
  void distinctSuccessEventsGrantOnce() {
    Order order = startedChatOrder();

    for (int i = 0; i < 5; i++) {
      assertThat(deliver(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), i % 2 == 0 ? FIVE_USD : null).order()
          .status()).isEqualTo(OrderStatus.PAID);
    }

    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
    assertThat(ledgerEntries(ALICE, CHAT, LedgerEntryType.GRANT)).isEqualTo(1);
    assertThat(paidEvents()).isEqualTo(1);
  }

  @Test
  @DisplayName("a client confirmation racing webhooks on 8 threads grants once")
  void confirmRacingWebhooks() throws Exception {
    save(credits(), chatPack());
    int rounds = 10;
    for (int r = 0; r < rounds; r++) {
      UserId buyer = UserId.of("buyer-" + r);
      Order order = started(f, chatPack().id(), buyer, 1);
      FakePaymentGateway.Webhook repeated = f.gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(),
          FIVE_USD);
      List<FakePaymentGateway.Webhook> distinct = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        distinct.add(f.gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD));
      }
      race(8, n -> {
        if (n < 3) {
          credits().confirmPayment(order.id(), buyer);
        } else if (n < 6) {
          deliver(distinct.get(n - 3));
        } else {
          deliver(repeated);
        }
      });
      assertThat(credits().getOrder(order.id(), buyer).status()).isEqualTo(OrderStatus.PAID);
      assertThat(balance(f, buyer, CHAT)).as("round " + r).isEqualTo(100);
      assertThat(ledgerEntries(buyer, CHAT, LedgerEntryType.GRANT)).as("round " + r).isEqualTo(1);
    }
    assertThat(paidEvents()).isEqualTo(rounds);
  }

  @Test
  @DisplayName("8 threads confirming one order at once grant its tokens once, with one OrderPaid")
  void eightThreadsCompleteOnce() throws Exception {
    save(credits(), chatPack());
    int rounds = 10;
    for (int r = 0; r < rounds; r++) {
      UserId buyer = UserId.of("buyer-" + r);
      Order order = started(f, chatPack().id(), buyer, 1);
      race(8, n -> assertThat(credits().confirmPayment(order.id(), buyer).status()).isEqualTo(OrderStatus.PAID));
      assertThat(balance(f, buyer, CHAT)).as("round " + r).isEqualTo(100);
      assertThat(credits().getOrder(order.id(), buyer).granted()).isTrue();
    }
    assertThat(paidEvents()).isEqualTo(rounds);
    assertThat(f.events().of(CreditsEvent.OrderPaid.class).stream().map(e -> e.order().id()).distinct().count())
        .isEqualTo(rounds);
  }

  @Test
  @DisplayName("8 threads that all passed the 'not granted yet' check before any marked the order grant once")
  void threadsInsideGrantingGrantOnce() throws Exception {
    save(credits(), chatPack());
    Order order = started(f, chatPack().id(), ALICE, 1);
    CyclicBarrier allGranting = new CyclicBarrier(8);
    Credits gated = Credits.builder().store(new GatedStore(f.store(), allGranting)).gateway(f.gateway())
        .events(f.events()).clock(f.clock()).paymentWindow(CreditsFixture.PAYMENT_WINDOW).build();

    race(8, n -> gated.confirmPayment(order.id(), ALICE));

    assertThat(credits().getOrder(order.id(), ALICE).granted()).isTrue();
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
    assertThat(ledgerEntries(ALICE, CHAT, LedgerEntryType.GRANT)).isEqualTo(1);
    assertThat(paidEvents()).isEqualTo(1);
  }

  // ---- what the processor reports ----

  @Test
  @DisplayName("a collected amount different from the total makes the order INCONSISTENT and grants nothing")
  void amountMismatchIsInconsistent() {
    Order order = startedChatOrder();
    f.gateway().willReport(Money.ofMinor(1, "USD"));

    Order after = credits().confirmPayment(order.id(), ALICE);

    assertThat(after.status()).isEqualTo(OrderStatus.INCONSISTENT);
    assertThat(after.payment().reported()).isEqualTo(Money.ofMinor(1, "USD"));
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(credits().getUserCredits(ALICE).groups()).isEmpty();
    assertThat(paidEvents()).isZero();

    f.gateway().willSucceed();
    assertThat(credits().confirmPayment(order.id(), ALICE).status()).as("final").isEqualTo(OrderStatus.INCONSISTENT);
    assertThat(balance(f, ALICE, CHAT)).isZero();
  }

  @Test
  @DisplayName("a collected currency different from the order's makes it INCONSISTENT and grants nothing")
  void currencyMismatchIsInconsistent() {
    Order order = startedChatOrder();
    f.gateway().willReport(Money.ofMinor(500, "EUR"));

    assertThat(credits().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.INCONSISTENT);
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(paidEvents()).isZero();
  }

  @Test
  @DisplayName("a success webhook with a wrong amount makes the order INCONSISTENT and grants nothing")
  void webhookAmountMismatchIsInconsistent() {
    Order order = startedChatOrder();

    WebhookOutcome outcome = deliver(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), Money.ofMinor(499, "USD"));

    assertThat(outcome.order().status()).isEqualTo(OrderStatus.INCONSISTENT);
    assertThat(balance(f, ALICE, CHAT)).isZero();
  }

  @Test
  @DisplayName("a declined payment refuses the order, and a later success report does not revive it")
  void declineRefuses() {
    Order order = startedChatOrder();
    f.gateway().willDecline("card declined");

    Order refused = credits().confirmPayment(order.id(), ALICE);

    assertThat(refused.status()).isEqualTo(OrderStatus.REFUSED);
    assertThat(refused.history()).last().extracting(StatusChange::reason).isEqualTo("card declined");
    f.gateway().willSucceed();
    assertThat(deliver(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD).order().status())
        .isEqualTo(OrderStatus.REFUSED);
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(paidEvents()).isZero();
  }

  @Test
  @DisplayName("a pending or timed-out inspection leaves the order PENDING; a later confirmation completes it")
  void pendingAndUnknownChangeNothing() {
    Order order = startedChatOrder();

    f.gateway().willStayPending();
    Order stillPending = credits().confirmPayment(order.id(), ALICE);
    f.gateway().willTimeOut();
    Order unknown = credits().confirmPayment(order.id(), ALICE);

    assertThat(stillPending).isEqualTo(order);
    assertThat(unknown).isEqualTo(order);
    assertThat(balance(f, ALICE, CHAT)).isZero();

    f.gateway().willSucceed();
    Order paid = credits().confirmPayment(order.id(), ALICE);
    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(paid.history()).extracting(StatusChange::to).containsExactly(OrderStatus.PENDING, OrderStatus.PAID);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  @Test
  @DisplayName("a cancellation webhook cancels a pending order")
  void cancelWebhookCancels() {
    Order order = startedChatOrder();

    assertThat(deliver(PaymentEventType.PAYMENT_CANCELED, order.id(), null).order().status())
        .isEqualTo(OrderStatus.CANCELLED);
    assertThat(balance(f, ALICE, CHAT)).isZero();
  }

  // ---- starting a payment ----

  @Test
  @DisplayName("a gateway failure when starting a payment throws, leaves the order PENDING, and a retry works")
  void gatewayFailureOnStartPayment() {
    save(credits(), chatPack());
    Order order = credits().createOrder(chatPack().id(), ALICE, 1);
    f.gateway().failCalls(1);

    assertThatThrownBy(() -> credits().startPayment(order.id(), ALICE))
        .isInstanceOf(PaymentGatewayException.class);
    assertThat(credits().getOrder(order.id(), ALICE)).isEqualTo(order);

    PaymentIntent intent = credits().startPayment(order.id(), ALICE);
    assertThat(intent.amount()).isEqualTo(FIVE_USD);
    assertThat(credits().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.gateway().intentsCreated()).isEqualTo(1);
  }

  @Test
  @DisplayName("starting a payment again returns the same payment, never a second one")
  void startPaymentRetryReturnsSameIntent() {
    save(credits(), chatPack());
    Order order = credits().createOrder(chatPack().id(), ALICE, 1);

    PaymentIntent first = credits().startPayment(order.id(), ALICE);
    PaymentIntent second = credits().startPayment(order.id(), ALICE);

    assertThat(second.reference()).isEqualTo(first.reference());
    assertThat(f.gateway().intentsCreated()).isEqualTo(1);
    assertThat(f.gateway().intentCalls()).isEqualTo(2);
    assertThat(credits().getOrder(order.id(), ALICE).payment().reference()).isEqualTo(first.reference());
  }

  @Test
  @DisplayName("confirming before any payment was started is rejected; starting a payment for a paid order too")
  void confirmNeedsStartedPayment() {
    save(credits(), chatPack());
    Order order = credits().createOrder(chatPack().id(), ALICE, 1);

    assertThatThrownBy(() -> credits().confirmPayment(order.id(), ALICE))
        .isInstanceOf(InvalidRequestException.class);

    credits().startPayment(order.id(), ALICE);
    credits().confirmPayment(order.id(), ALICE);
    assertThatThrownBy(() -> credits().startPayment(order.id(), ALICE))
        .isInstanceOf(InvalidRequestException.class);
  }

  // ---- webhook verification ----

  @Test
  @DisplayName("a webhook whose payload was altered after signing is rejected and changes nothing")
  void forgedWebhookRejected() {
    Order order = startedChatOrder();
    FakePaymentGateway.Webhook genuine = f.gateway().webhook(PaymentEventType.PAYMENT_FAILED, order.id(), null);
    String forged = genuine.payload().replace("PAYMENT_FAILED", "PAYMENT_SUCCEEDED");
    assertThat(forged).isNotEqualTo(genuine.payload());

    assertThatThrownBy(() -> credits().handleWebhook(forged, genuine.headers()))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().handleWebhook(genuine.payload(),
        Map.of(FakePaymentGateway.SIGNATURE_HEADER, "t=" + f.clock().instant().getEpochSecond() + ",v1=00ff")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().handleWebhook(genuine.payload(), Map.of()))
        .isInstanceOf(InvalidRequestException.class);

    assertThat(credits().getOrder(order.id(), ALICE)).isEqualTo(order);
    assertThat(balance(f, ALICE, CHAT)).isZero();
  }

  @Test
  @DisplayName("a webhook signed with another secret is rejected and changes nothing")
  void wrongSecretRejected() {
    Order order = startedChatOrder();
    FakePaymentGateway impostor = new FakePaymentGateway(f.clock(), "whsec_other", Duration.ofMinutes(5));
    FakePaymentGateway.Webhook hook = impostor.webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD);

    assertThatThrownBy(() -> deliver(hook)).isInstanceOf(InvalidRequestException.class);

    assertThat(credits().getOrder(order.id(), ALICE)).isEqualTo(order);
    assertThat(balance(f, ALICE, CHAT)).isZero();
  }

  @Test
  @DisplayName("a webhook signed 10 minutes ago is rejected, and the same event delivered fresh is still applied")
  void oldWebhookRejected() {
    Order order = startedChatOrder();
    FakePaymentGateway.Webhook old = f.gateway().webhook("evt_old", PaymentEventType.PAYMENT_SUCCEEDED, order.id(),
        FIVE_USD, f.clock().instant().minus(Duration.ofMinutes(10)));

    assertThatThrownBy(() -> deliver(old)).isInstanceOf(InvalidRequestException.class);
    assertThat(credits().getOrder(order.id(), ALICE)).isEqualTo(order);
    assertThat(balance(f, ALICE, CHAT)).isZero();

    FakePaymentGateway.Webhook fresh = f.gateway().webhook("evt_old", PaymentEventType.PAYMENT_SUCCEEDED, order.id(),
        FIVE_USD, f.clock().instant());
    assertThat(deliver(fresh).action()).isEqualTo("applied");
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  @Test
  @DisplayName("a late PAYMENT_FAILED or PAYMENT_CANCELED after PAID does not un-pay the order")
  void lateFailureDoesNotUnpay() {
    Order order = startedChatOrder();
    credits().confirmPayment(order.id(), ALICE);

    deliver(PaymentEventType.PAYMENT_FAILED, order.id(), null);
    deliver(PaymentEventType.PAYMENT_CANCELED, order.id(), null);

    assertThat(credits().getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
    assertThat(f.events().of(CreditsEvent.OrderClosed.class)).isEmpty();
  }

  @Test
  @DisplayName("an event for an unknown order is acknowledged as unknown-order and creates nothing")
  void unknownOrderAcknowledged() {
    FakePaymentGateway.Webhook hook = f.gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, OrderId.of("ord_ghost"),
        FIVE_USD);

    WebhookOutcome outcome = deliver(hook);

    assertThat(outcome.action()).isEqualTo("unknown-order");
    assertThat(outcome.order()).isNull();
    assertThat(deliver(hook).action()).isEqualTo("duplicate");
    assertThat(f.events().all()).isEmpty();
  }

  @Test
  @DisplayName("an event id seen before is a duplicate, whatever it now says")
  void duplicateEventIdIgnored() {
    Order order = startedChatOrder();
    WebhookOutcome first = deliver(f.gateway().webhook("evt_same", PaymentEventType.PAYMENT_SUCCEEDED, order.id(),
        FIVE_USD, f.clock().instant()));

    WebhookOutcome again = deliver(f.gateway().webhook("evt_same", PaymentEventType.REFUNDED, order.id(),
        FIVE_USD, f.clock().instant()));

    assertThat(first.action()).isEqualTo("applied");
    assertThat(again.action()).isEqualTo("duplicate");
    assertThat(credits().getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  @Test
  @DisplayName("a dispute notification is acknowledged and takes nothing back by itself")
  void disputeIgnored() {
    Order order = startedChatOrder();
    credits().confirmPayment(order.id(), ALICE);

    assertThat(deliver(PaymentEventType.DISPUTE_CREATED, order.id(), FIVE_USD).action()).isEqualTo("ignored");
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  // ---- free orders ----

  @Test
  @DisplayName("a free order is paid and granted at once, without the gateway")
  void freeOrderCompletesWithoutGateway() {
    Offer trial = Offer.builder("trial", "Trial").group(CHAT).price("0", "USD").tokens(10).build();
    save(credits(), trial);

    Order order = credits().createOrder(trial.id(), ALICE, 2);

    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(order.granted()).isTrue();
    assertThat(order.total().isZero()).isTrue();
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(20);
    assertThat(f.gateway().intentCalls()).isZero();
    assertThat(paidEvents()).isEqualTo(1);
    assertThat(credits().confirmPayment(order.id(), ALICE)).isEqualTo(order);
    assertThatThrownBy(() -> credits().startPayment(order.id(), ALICE)).isInstanceOf(InvalidRequestException.class);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(20);
  }

  // ---- refunds ----

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
    assertThat(redelivered.action()).isEqualTo("applied");
    assertThat(duplicate.action()).isEqualTo("duplicate");
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
        .isInstanceOf(InvalidRequestException.class);
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
        .isInstanceOf(InvalidRequestException.class);
    f.gateway().willReport(Money.ofMinor(1, "USD"));
    Order inconsistent = credits().confirmPayment(pending.id(), ALICE);
    assertThatThrownBy(() -> credits().refundOrder(inconsistent.id(), Money.ofMinor(1, "USD"), "r-inc"))
        .isInstanceOf(InvalidRequestException.class);
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

    assertThat(deliver(quarter).action()).isEqualTo("applied");
    assertThat(deliver(quarter).action()).isEqualTo("duplicate");
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
    racing.set(withGateway(new Interposed(f.gateway(), () -> {
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
    Credits refunding = withGateway(new Interposed(f.gateway(),
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

  /** A second facade on the fixture's store, clock and recorder, with another gateway. */
  private Credits withGateway(PaymentGateway gateway) {
    AtomicLong ids = new AtomicLong();
    return Credits.builder().store(f.store()).gateway(gateway).events(f.events()).clock(f.clock())
        .paymentWindow(CreditsFixture.PAYMENT_WINDOW).ids(() -> "second-" + ids.incrementAndGet()).build();
  }

  /** Something a test does inside a gateway call. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  /** The fixture's gateway, with a step run after each refund reached the processor and before it returns. */
  private static final class Interposed extends ForwardingPaymentGateway {
    private final Step afterRefund;

    Interposed(PaymentGateway delegate, Step afterRefund) {
      super(delegate);
      this.afterRefund = afterRefund;
    }

    @Override
    public RefundResult refund(String reference, Money amount, String idempotencyKey) {
      RefundResult result = super.refund(reference, amount, idempotencyKey);
      try {
        afterRefund.run();
      } catch (Exception e) {
        throw new IllegalStateException("interposed step failed", e);
      }
      return result;
    }
  }

  /** The store under test, where every grant waits at a barrier until all racing threads are granting. */
  private static final class GatedStore extends ForwardingCreditsStore {
    private final WalletStore wallets;

    GatedStore(CreditsStore store, CyclicBarrier gate) {
      super(store);
      this.wallets = new ForwardingWalletStore(store.wallets()) {
        @Override
        public <R> R execute(WalletCommand<R> command, Instant now) {
          if (command instanceof WalletCommand.AddGrant) {
            try {
              gate.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException("the racing threads did not all reach the grant", e);
            }
          }
          return super.execute(command, now);
        }
      };
    }

    @Override
    public WalletStore wallets() {
      return wallets;
    }
  }
}

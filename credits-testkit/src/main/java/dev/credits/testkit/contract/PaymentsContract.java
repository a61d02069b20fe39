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

import dev.credits.core.Credits;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.PaymentGatewayException;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.StatusChange;
import dev.credits.core.model.UserId;
import dev.credits.core.model.WebhookAction;
import dev.credits.core.model.WebhookOutcome;
import dev.credits.testkit.FakePaymentGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on payments: exactly-once completion, webhooks, mismatches, free orders. */
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

    List<WebhookAction> actions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      actions.add(deliver(hook).action());
    }

    assertThat(actions).containsExactly(WebhookAction.APPLIED, WebhookAction.DUPLICATE, WebhookAction.DUPLICATE, WebhookAction.DUPLICATE, WebhookAction.DUPLICATE);
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
      PaymentDoubles.race(8, n -> {
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
      PaymentDoubles.race(8, n -> assertThat(credits().confirmPayment(order.id(), buyer).status()).isEqualTo(OrderStatus.PAID));
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
    Credits gated = Credits.builder().store(new PaymentDoubles.GatedStore(f.store(), allGranting)).gateway(f.gateway())
        .events(f.events()).clock(f.clock()).paymentWindow(CreditsFixture.PAYMENT_WINDOW).build();

    PaymentDoubles.race(8, n -> gated.confirmPayment(order.id(), ALICE));

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
  @DisplayName("a declined attempt keeps the order payable: the retry's success pays it once")
  void declineIsAnAttempt() {
    Order order = startedChatOrder();
    f.gateway().willDecline("card declined");

    Order declined = credits().confirmPayment(order.id(), ALICE);
    credits().confirmPayment(order.id(), ALICE); // the same attempt seen again is not a second one

    assertThat(declined.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(declined.history()).last().extracting(StatusChange::reason).asString().endsWith("card declined");
    assertThat(f.events().of(CreditsEvent.PaymentAttemptFailed.class)).hasSize(1);
    f.gateway().willSucceed();
    assertThat(deliver(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD).order().status())
        .isEqualTo(OrderStatus.PAID);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
    assertThat(paidEvents()).isEqualTo(1);
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
    assertThat(f.gateway().intentCalls()).isEqualTo(1); // the second call reopened the first payment
    assertThat(credits().getOrder(order.id(), ALICE).payment().reference()).isEqualTo(first.reference());
  }

  @Test
  @DisplayName("confirming before any payment was started is rejected; starting a payment for a paid order too")
  void confirmNeedsStartedPayment() {
    save(credits(), chatPack());
    Order order = credits().createOrder(chatPack().id(), ALICE, 1);

    assertThatThrownBy(() -> credits().confirmPayment(order.id(), ALICE))
        .isInstanceOf(InvalidStateException.class);

    credits().startPayment(order.id(), ALICE);
    credits().confirmPayment(order.id(), ALICE);
    assertThatThrownBy(() -> credits().startPayment(order.id(), ALICE))
        .isInstanceOf(InvalidStateException.class);
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
    assertThat(deliver(fresh).action()).isEqualTo(WebhookAction.APPLIED);
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

    assertThat(outcome.action()).isEqualTo(WebhookAction.UNKNOWN_ORDER);
    assertThat(outcome.order()).isNull();
    assertThat(deliver(hook).action()).isEqualTo(WebhookAction.DUPLICATE);
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

    assertThat(first.action()).isEqualTo(WebhookAction.APPLIED);
    assertThat(again.action()).isEqualTo(WebhookAction.DUPLICATE);
    assertThat(credits().getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  @Test
  @DisplayName("a dispute notification freezes the order's tokens but takes nothing back by itself")
  void disputeFreezes() {
    Order order = startedChatOrder();
    credits().confirmPayment(order.id(), ALICE);

    assertThat(deliver(PaymentEventType.DISPUTE_CREATED, order.id(), FIVE_USD).action())
        .isEqualTo(WebhookAction.APPLIED);
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(credits().getUserCredits(ALICE).group(CHAT).orElseThrow().grants())
        .extracting(g -> g.state().name(), g -> g.remaining()).containsExactly(org.assertj.core.groups.Tuple.tuple("FROZEN", 100L));
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
    assertThatThrownBy(() -> credits().startPayment(order.id(), ALICE)).isInstanceOf(InvalidStateException.class);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(20);
  }

}

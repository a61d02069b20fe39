package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.Credits;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.PaymentGatewayException;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.StatusChange;
import dev.credits.core.model.UserId;
import dev.credits.core.model.WebhookAction;
import dev.credits.core.model.WebhookOutcome;
import dev.credits.testkit.MutableClock;
import dev.credits.testkit.RecordingEventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Credits on Stripe, end to end (in-memory store, local Stripe stub)")
class FacadeEndToEndTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final OfferId PACK = OfferId.of("chat-pack");

  private final MutableClock clock = MutableClock.at("2026-01-31T10:00:00Z");
  private final StripeStub stub = StripeStub.start();
  private final StripePaymentGateway stripe = TestGateways.against(stub).clock(clock).build();
  private final RecordingEventPublisher events = new RecordingEventPublisher();
  private final Credits credits;

  FacadeEndToEndTest() {
    AtomicLong ids = new AtomicLong();
    credits = Credits.builder().store(new InMemoryCreditsStore()).gateway(stripe).events(events).clock(clock)
        .ids(() -> Long.toString(ids.incrementAndGet())).build();
    credits.saveOffer(Offer.builder("chat-pack", "Chat, 1000 tokens").group("chat").price("20.00", "USD")
        .tokens(1_000).build());
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private long balance() {
    var group = credits.getUserCredits(ALICE).groups().get("chat");
    return group == null ? 0 : group.balance();
  }

  private List<LedgerEntry> ledger() {
    return credits.ledger(ALICE, "chat", 0, 1_000);
  }

  private SignedEvents.Delivery succeededEvent(String eventId, PaymentIntent intent) {
    String payload = SignedEvents.event(eventId, "payment_intent.succeeded", SignedEvents.CURRENT_API_VERSION,
        SignedEvents.paymentIntent(intent.reference(), 2000, "usd", intent.orderId().value()), clock.instant());
    return SignedEvents.sign(payload, TestGateways.WEBHOOK_SECRET, clock.instant());
  }

  private SignedEvents.Delivery refundEvent(String eventId, String type, String refundId, PaymentIntent intent,
      long amount, String status) {
    String payload = SignedEvents.event(eventId, type, SignedEvents.CURRENT_API_VERSION,
        SignedEvents.refund(refundId, intent.reference(), amount, "usd", status), clock.instant());
    return SignedEvents.sign(payload, TestGateways.WEBHOOK_SECRET, clock.instant());
  }

  private SignedEvents.Delivery chargeRefundedEvent(String eventId, PaymentIntent intent, long refundedTotal) {
    String payload = SignedEvents.event(eventId, "charge.refunded", SignedEvents.CURRENT_API_VERSION,
        SignedEvents.charge("ch_1", intent.reference(), 2000, refundedTotal, "usd"), clock.instant());
    return SignedEvents.sign(payload, TestGateways.WEBHOOK_SECRET, clock.instant());
  }

  private SignedEvents.Delivery failedEvent(String eventId, PaymentIntent intent, String declineCode) {
    String payload = SignedEvents.event(eventId, "payment_intent.payment_failed", SignedEvents.CURRENT_API_VERSION,
        SignedEvents.failedIntent(intent.reference(), 2000, "usd", intent.orderId().value(), "card_declined",
            declineCode), clock.instant());
    return SignedEvents.sign(payload, TestGateways.WEBHOOK_SECRET, clock.instant());
  }

  private WebhookOutcome deliver(SignedEvents.Delivery delivery) {
    return credits.handleWebhook(delivery.payload(), delivery.headers());
  }

  private Order paidOrder() {
    Order order = credits.createOrder(PACK, ALICE, 1);
    PaymentIntent intent = credits.startPayment(order.id(), ALICE);
    stub.setStatus(intent.reference(), "succeeded");
    return credits.confirmPayment(order.id(), ALICE);
  }

  @Test
  @DisplayName("the same succeeded event delivered 5 times while the client confirms grants the tokens once")
  void exactlyOnce() throws Exception {
    Order order = credits.createOrder(PACK, ALICE, 1);
    PaymentIntent intent = credits.startPayment(order.id(), ALICE);
    stub.setStatus(intent.reference(), "succeeded");
    SignedEvents.Delivery delivery = succeededEvent("evt_paid", intent);

    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Object>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(() -> {
        start.await();
        return credits.handleWebhook(delivery.payload(), delivery.headers());
      });
    }
    calls.add(() -> {
      start.await();
      return credits.confirmPayment(order.id(), ALICE);
    });
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    List<Object> results = new ArrayList<>();
    try {
      List<Future<Object>> futures = new ArrayList<>();
      calls.forEach(c -> futures.add(pool.submit(c)));
      start.countDown();
      for (Future<Object> f : futures) {
        results.add(f.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(results).filteredOn(WebhookOutcome.class::isInstance).hasSize(5)
        .allSatisfy(r -> assertThat(((WebhookOutcome) r).action()).isIn(WebhookAction.APPLIED, WebhookAction.DUPLICATE));
    Order after = credits.getOrder(order.id(), ALICE);
    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(after.granted()).isTrue();
    assertThat(after.payment().reported()).isEqualTo(Money.parse("20.00", "USD"));
    assertThat(balance()).isEqualTo(1_000);
    assertThat(events.of(CreditsEvent.OrderPaid.class)).hasSize(1);
    assertThat(ledger()).filteredOn(e -> e.type() == LedgerEntryType.GRANT).hasSize(1);
    assertThat(stub.intentsCreated()).isEqualTo(1);

    WebhookOutcome late = credits.handleWebhook(delivery.payload(), delivery.headers());
    assertThat(late.action()).isEqualTo(WebhookAction.DUPLICATE);
    assertThat(balance()).isEqualTo(1_000);
  }

  @Test
  @DisplayName("a refund after partial consumption reverses only the tokens that are left; Stripe's events for that refund change nothing more, and a second refund made at Stripe completes it")
  void refundAfterConsumption() {
    Order order = paidOrder();
    PaymentIntent intent = new PaymentIntent(order.id(), "stripe", order.payment().reference(), null, order.total());
    credits.tokensConsumed(ALICE, "chat", 700, "use-1");

    Order refunded = credits.refundOrder(order.id(), Money.parse("10.00", "USD"), "refund-1");

    StripeStub.Request sent = stub.requests("POST", "/v1/refunds").get(0);
    assertThat(sent.form()).containsEntry("amount", "1000").containsEntry("payment_intent", intent.reference());
    assertThat(sent.idempotencyKey()).isEqualTo("credits-refund-refund-1");
    assertThat(refunded.status()).isEqualTo(OrderStatus.PAID);
    assertThat(refunded.refunded()).isEqualTo(Money.parse("10.00", "USD"));
    assertThat(balance()).isZero(); // half the pack is 500 tokens, but only 300 were left
    assertThat(ledger()).filteredOn(e -> e.type() == LedgerEntryType.REFUND)
        .extracting(LedgerEntry::amount).containsExactly(-300L);
    String refundId = refunded.refunds().get(0).id();
    assertThat(refundId).startsWith("re_stub");

    // Stripe's own notifications of that refund: the same refund id, so it is not counted twice
    assertThat(deliver(refundEvent("evt_ref_1", "refund.created", refundId, intent, 1000, "succeeded")).action())
        .isEqualTo(WebhookAction.APPLIED);
    deliver(refundEvent("evt_ref_2", "charge.refund.updated", refundId, intent, 1000, "succeeded"));
    assertThat(deliver(chargeRefundedEvent("evt_ref_3", intent, 1000)).action()).isEqualTo(WebhookAction.IGNORED);
    assertThat(credits.getOrder(order.id(), ALICE).refunded()).isEqualTo(Money.parse("10.00", "USD"));
    assertThat(credits.getOrder(order.id(), ALICE).refunds()).hasSize(1);

    // a second refund made in the Stripe Dashboard is read from its own event, with its own amount
    deliver(refundEvent("evt_ref_4", "refund.created", "re_dashboard", intent, 1000, "succeeded"));
    Order after = credits.getOrder(order.id(), ALICE);
    assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(after.refunded()).isEqualTo(Money.parse("20.00", "USD"));
    assertThat(after.refunds()).extracting(r -> r.id()).containsExactly(refundId, "re_dashboard");
    assertThat(balance()).isZero();
    assertThat(ledger().stream().mapToLong(LedgerEntry::amount).sum()).isEqualTo(balance());
    assertThat(stub.refundsCreated()).isEqualTo(1);

    // and a charge.refunded reporting the full total, after the fact, changes nothing
    assertThat(deliver(chargeRefundedEvent("evt_ref_5", intent, 2000)).action()).isEqualTo(WebhookAction.IGNORED);
    assertThat(credits.getOrder(order.id(), ALICE).refunded()).isEqualTo(Money.parse("20.00", "USD"));
  }

  @Test
  @DisplayName("a pending refund that Stripe later reports failed gives the reversed tokens back")
  void refundFailedRestoresTokens() {
    Order order = paidOrder();
    PaymentIntent intent = new PaymentIntent(order.id(), "stripe", order.payment().reference(), null, order.total());
    stub.refundsEndIn("pending");
    Order refunded = credits.refundOrder(order.id(), Money.parse("20.00", "USD"), "refund-2");
    assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(balance()).isZero();
    String refundId = refunded.refunds().get(0).id();

    WebhookOutcome outcome = deliver(refundEvent("evt_rf", "refund.failed", refundId, intent, 2000, "failed"));

    assertThat(outcome.action()).isEqualTo(WebhookAction.APPLIED);
    Order after = credits.getOrder(order.id(), ALICE);
    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(after.refunded()).isEqualTo(Money.parse("0.00", "USD"));
    assertThat(balance()).isEqualTo(1_000);
    assertThat(events.of(CreditsEvent.RefundFailed.class)).singleElement()
        .satisfies(e -> assertThat(e.refundId()).isEqualTo(refundId));
    assertThat(deliver(refundEvent("evt_rf_2", "refund.updated", refundId, intent, 2000, "failed")).action())
        .isEqualTo(WebhookAction.APPLIED);
    assertThat(balance()).isEqualTo(1_000);
    assertThat(events.of(CreditsEvent.RefundFailed.class)).hasSize(1);
  }

  @Test
  @DisplayName("a Stripe 500 leaves the order PENDING, and the same calls succeed once Stripe is back")
  void serverErrorLeavesOrderPending() {
    Order order = credits.createOrder(PACK, ALICE, 1);
    stub.failNext(1);

    assertThatThrownBy(() -> credits.startPayment(order.id(), ALICE)).isInstanceOf(PaymentGatewayException.class);
    Order pending = credits.getOrder(order.id(), ALICE);
    assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(pending.payment()).isNull();
    assertThat(stub.intentsCreated()).isZero();

    PaymentIntent intent = credits.startPayment(order.id(), ALICE);
    stub.setStatus(intent.reference(), "succeeded");
    stub.failNext(1);
    assertThat(credits.confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(balance()).isZero();

    Order paid = credits.confirmPayment(order.id(), ALICE);
    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(balance()).isEqualTo(1_000);
    assertThat(stub.intentsCreated()).isEqualTo(1);
  }

  @Test
  @DisplayName("a declined attempt leaves the order PENDING and payable, records the attempt once and grants nothing")
  void declined() {
    Order order = credits.createOrder(PACK, ALICE, 1);
    PaymentIntent intent = credits.startPayment(order.id(), ALICE);
    stub.decline(intent.reference(), "insufficient_funds");

    Order after = credits.confirmPayment(order.id(), ALICE);
    credits.confirmPayment(order.id(), ALICE);

    assertThat(after.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(after.history()).extracting(StatusChange::reason)
        .contains("payment attempt failed: " + intent.reference() + ": payment failed: insufficient_funds");
    assertThat(events.of(CreditsEvent.PaymentAttemptFailed.class)).singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("payment failed: insufficient_funds"));
    assertThat(events.of(CreditsEvent.OrderClosed.class)).isEmpty();
    assertThat(balance()).isZero();
  }

  @Test
  @DisplayName("a declined attempt, then a successful retry on the same intent, pays the order once")
  void declinedThenRetried() {
    Order order = credits.createOrder(PACK, ALICE, 1);
    PaymentIntent intent = credits.startPayment(order.id(), ALICE);
    stub.decline(intent.reference(), "insufficient_funds");

    WebhookOutcome failed = deliver(failedEvent("evt_failed", intent, "insufficient_funds"));
    assertThat(failed.action()).isEqualTo(WebhookAction.APPLIED);
    assertThat(failed.order().status()).isEqualTo(OrderStatus.PENDING);
    assertThat(credits.confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(events.of(CreditsEvent.PaymentAttemptFailed.class)).hasSize(1); // the event and the check: one attempt

    PaymentIntent again = credits.startPayment(order.id(), ALICE);
    assertThat(again.reference()).isEqualTo(intent.reference());
    assertThat(again.clientSecret()).isEqualTo(intent.clientSecret());
    stub.setStatus(intent.reference(), "succeeded");
    assertThat(deliver(succeededEvent("evt_paid", intent)).action()).isEqualTo(WebhookAction.APPLIED);
    Order paid = credits.confirmPayment(order.id(), ALICE);

    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(paid.payment().reported()).isEqualTo(Money.parse("20.00", "USD"));
    assertThat(balance()).isEqualTo(1_000);
    assertThat(events.of(CreditsEvent.OrderPaid.class)).hasSize(1);
    assertThat(ledger()).filteredOn(e -> e.type() == LedgerEntryType.GRANT).hasSize(1);
    assertThat(stub.intentsCreated()).isEqualTo(1);
    assertThat(stub.requests("POST", "/v1/payment_intents/")).isEmpty(); // nothing was cancelled
  }

  @Test
  @DisplayName("a declined order whose window passes is REFUSED, and its intent is cancelled at Stripe first")
  void declinedThenExpired() {
    Order order = credits.createOrder(PACK, ALICE, 1);
    PaymentIntent intent = credits.startPayment(order.id(), ALICE);
    stub.decline(intent.reference(), "insufficient_funds");
    credits.confirmPayment(order.id(), ALICE);
    clock.advance(Duration.ofMinutes(31));

    credits.sweep(100);

    assertThat(credits.getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.REFUSED);
    assertThat(stub.cancelRequests(intent.reference())).hasSize(1);
    assertThat(stub.intent(intent.reference()).get("status").getAsString()).isEqualTo("canceled");
    assertThat(balance()).isZero();
  }

  @Test
  @DisplayName("cancelOrder of an open intent cancels it at Stripe, then the order")
  void cancelOpen() {
    Order order = credits.createOrder(PACK, ALICE, 1);
    PaymentIntent intent = credits.startPayment(order.id(), ALICE);

    Order cancelled = credits.cancelOrder(order.id(), ALICE);

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(stub.cancelRequests(intent.reference())).singleElement()
        .satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo("credits-cancel-" + intent.reference()));
    assertThat(stub.intent(intent.reference()).get("status").getAsString()).isEqualTo("canceled");
    assertThat(events.of(CreditsEvent.OrderClosed.class)).hasSize(1);
    assertThat(credits.cancelOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThatThrownBy(() -> credits.startPayment(order.id(), ALICE)).isInstanceOf(InvalidStateException.class);
    assertThat(stub.intentsCreated()).isEqualTo(1);
  }

  @Test
  @DisplayName("cancelOrder of an intent that is processing throws, the order stays PENDING, and the debit's success still pays it")
  void cancelProcessing() {
    Order order = credits.createOrder(PACK, ALICE, 1);
    PaymentIntent intent = credits.startPayment(order.id(), ALICE);
    stub.setStatus(intent.reference(), "processing");

    assertThatThrownBy(() -> credits.cancelOrder(order.id(), ALICE)).isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("processing");

    assertThat(credits.getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(stub.cancelRequests(intent.reference())).hasSize(1);
    assertThat(stub.intent(intent.reference()).get("status").getAsString()).isEqualTo("processing");
    assertThat(events.of(CreditsEvent.OrderClosed.class)).isEmpty();

    stub.setStatus(intent.reference(), "succeeded");
    deliver(succeededEvent("evt_settled", intent));
    assertThat(credits.getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(balance()).isEqualTo(1_000);
  }

  @Test
  @DisplayName("cancelOrder refused while the debit was processing cancels the intent once the debit failed")
  void cancelAfterProcessingFailed() {
    Order order = credits.createOrder(PACK, ALICE, 1);
    PaymentIntent intent = credits.startPayment(order.id(), ALICE);
    stub.setStatus(intent.reference(), "processing");
    assertThatThrownBy(() -> credits.cancelOrder(order.id(), ALICE)).isInstanceOf(InvalidStateException.class);
    stub.decline(intent.reference(), "insufficient_funds"); // the debit failed: payable again

    Order cancelled = credits.cancelOrder(order.id(), ALICE);

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(stub.intent(intent.reference()).get("status").getAsString()).isEqualTo("canceled");
  }

  @Test
  @DisplayName("an order for an amount Stripe cannot charge is refused before it is written or Stripe is called")
  void uncollectableAmount() {
    credits.saveOffer(Offer.builder("tiny", "Chat, 10 tokens").group("chat").price("0.49", "USD").tokens(10).build());
    credits.saveOffer(Offer.builder("dinar", "Chat, 1000 tokens").group("chat").price("1.235", "BHD").tokens(1_000)
        .build());

    assertThatThrownBy(() -> credits.createOrder(OfferId.of("tiny"), ALICE, 1))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("minimum");
    assertThatThrownBy(() -> credits.createOrder(OfferId.of("dinar"), ALICE, 1))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("three decimals");
    assertThat(credits.getOrders(ALICE)).isEmpty();
    assertThat(stub.requests()).isEmpty();
    assertThat(credits.createOrder(OfferId.of("tiny"), ALICE, 2).total()).isEqualTo(Money.parse("0.98", "USD"));
  }
}

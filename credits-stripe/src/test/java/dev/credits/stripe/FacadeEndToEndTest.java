package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.Credits;
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
import dev.credits.core.model.UserId;
import dev.credits.core.model.WebhookAction;
import dev.credits.core.model.WebhookOutcome;
import dev.credits.testkit.MutableClock;
import dev.credits.testkit.RecordingEventPublisher;
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

  private SignedEvents.Delivery refundedEvent(String eventId, PaymentIntent intent, long refundedTotal) {
    String payload = SignedEvents.event(eventId, "charge.refunded", SignedEvents.CURRENT_API_VERSION,
        SignedEvents.charge("ch_1", intent.reference(), 2000, refundedTotal, "usd"), clock.instant());
    return SignedEvents.sign(payload, TestGateways.WEBHOOK_SECRET, clock.instant());
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
  @DisplayName("a refund after partial consumption reverses only the tokens that are left; Stripe's refund events change nothing more")
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

    SignedEvents.Delivery sameTotal = refundedEvent("evt_ref_1", intent, 1000);
    credits.handleWebhook(sameTotal.payload(), sameTotal.headers());
    assertThat(credits.getOrder(order.id(), ALICE).refunded()).isEqualTo(Money.parse("10.00", "USD"));

    SignedEvents.Delivery fullTotal = refundedEvent("evt_ref_2", intent, 2000);
    credits.handleWebhook(fullTotal.payload(), fullTotal.headers());
    Order after = credits.getOrder(order.id(), ALICE);
    assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(after.refunded()).isEqualTo(Money.parse("20.00", "USD"));
    assertThat(balance()).isZero();
    assertThat(ledger().stream().mapToLong(LedgerEntry::amount).sum()).isEqualTo(balance());
    assertThat(stub.refundsCreated()).isEqualTo(1);
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
  @DisplayName("a declined attempt refuses the order and grants nothing")
  void declined() {
    Order order = credits.createOrder(PACK, ALICE, 1);
    PaymentIntent intent = credits.startPayment(order.id(), ALICE);
    stub.decline(intent.reference(), "insufficient_funds");

    assertThat(credits.confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.REFUSED);
    assertThat(balance()).isZero();
  }
}

package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Catalogs.ALICE;
import static dev.credits.testkit.contract.Catalogs.BOB;
import static dev.credits.testkit.contract.Catalogs.CHAT;
import static dev.credits.testkit.contract.Catalogs.balance;
import static dev.credits.testkit.contract.Catalogs.buy;
import static dev.credits.testkit.contract.Catalogs.chatPack;
import static dev.credits.testkit.contract.Catalogs.save;
import static dev.credits.testkit.contract.Catalogs.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.Credits;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.ExpiryReport;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.Warning;
import dev.credits.core.spi.EventPublisher;
import dev.credits.testkit.FakePaymentGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on events: what is published, once. */
public abstract class EventsContract extends ContractSection {
  private static final Instant START = Instant.parse(CreditsFixture.START);

  /** Creates the section. */
  protected EventsContract() {}

  private Credits credits() {
    return f.credits();
  }

  private List<Class<?>> types() {
    return f.events().all().stream().map(Object::getClass).collect(Collectors.toList());
  }

  /** A second facade on the fixture's store, clock and gateway, publishing to {@code events}. */
  private Credits withPublisher(EventPublisher events) {
    AtomicLong ids = new AtomicLong();
    return Credits.builder().store(f.store()).gateway(f.gateway()).events(events).clock(f.clock())
        .paymentWindow(CreditsFixture.PAYMENT_WINDOW).ids(() -> "other-" + ids.incrementAndGet()).build();
  }

  private static Offer monthlyChat() {
    return Offer.builder("chat-monthly", "Chat, monthly").group(CHAT).price("2.00", "USD").tokens(100)
        .cycle(Cycle.MONTHLY).build();
  }

  // ---- orders ----

  @Test
  @DisplayName("creating an order publishes OrderCreated with the stored order, at the library's time")
  void orderCreatedPublished() {
    save(credits(), chatPack());

    Order order = credits().createOrder(chatPack().id(), ALICE, 2);

    assertThat(f.events().all()).containsExactly(new CreditsEvent.OrderCreated(order, START));
    assertThat(f.events().all().get(0).userId()).isEqualTo(ALICE);
  }

  @Test
  @DisplayName("a purchase publishes OrderCreated then OrderPaid, with the order paid and granted")
  void purchasePublishesCreatedThenPaid() {
    save(credits(), chatPack());
    Order order = started(f, chatPack().id(), ALICE, 1);
    f.clock().advance(Duration.ofMinutes(3));

    Order paid = credits().confirmPayment(order.id(), ALICE);

    assertThat(types()).containsExactly(CreditsEvent.OrderCreated.class, CreditsEvent.OrderPaid.class);
    CreditsEvent.OrderPaid event = f.events().of(CreditsEvent.OrderPaid.class).get(0);
    assertThat(event.order()).isEqualTo(paid);
    assertThat(event.order().status()).isEqualTo(OrderStatus.PAID);
    assertThat(event.order().granted()).isTrue();
    assertThat(event.at()).isEqualTo(START.plus(Duration.ofMinutes(3)));
  }

  @Test
  @DisplayName("OrderPaid is published once however many times completion is reported")
  void orderPaidOnce() {
    save(credits(), chatPack());
    Order order = started(f, chatPack().id(), ALICE, 1);

    for (int i = 0; i < 3; i++) {
      credits().confirmPayment(order.id(), ALICE);
      FakePaymentGateway.Webhook hook = f.gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(),
          order.total());
      credits().handleWebhook(hook.payload(), hook.headers());
      credits().handleWebhook(hook.payload(), hook.headers());
    }
    credits().sweep(100);

    assertThat(f.events().of(CreditsEvent.OrderPaid.class)).hasSize(1);
  }

  @Test
  @DisplayName("a free order publishes OrderCreated then OrderPaid")
  void freeOrderEvents() {
    Offer trial = Offer.builder("trial", "Trial").group(CHAT).price("0", "USD").tokens(5).build();
    save(credits(), trial);

    credits().createOrder(trial.id(), ALICE, 1);

    assertThat(types()).containsExactly(CreditsEvent.OrderCreated.class, CreditsEvent.OrderPaid.class);
  }

  @Test
  @DisplayName("a refused, cancelled, expired or inconsistent order publishes OrderClosed once, with its status")
  void orderClosedForEveryUnpaidEnd() {
    save(credits(), chatPack());
    Order refused = started(f, chatPack().id(), ALICE, 1);
    Order cancelled = started(f, chatPack().id(), ALICE, 1);
    Order inconsistent = started(f, chatPack().id(), ALICE, 1);
    Order expired = credits().createOrder(chatPack().id(), ALICE, 1);

    f.gateway().willDecline("card declined");
    credits().confirmPayment(refused.id(), ALICE);
    credits().confirmPayment(refused.id(), ALICE);
    credits().cancelOrder(cancelled.id(), ALICE);
    credits().cancelOrder(cancelled.id(), ALICE);
    f.gateway().willReport(Money.ofMinor(1, "USD"));
    credits().confirmPayment(inconsistent.id(), ALICE);
    f.clock().set(expired.paymentDeadline());
    credits().checkForExpiredOrders(ALICE, Duration.ZERO, Map.of());
    credits().sweep(100);

    Map<OrderId, OrderStatus> closed = f.events().of(CreditsEvent.OrderClosed.class).stream()
        .collect(Collectors.toMap(e -> e.order().id(), e -> e.order().status()));
    assertThat(f.events().of(CreditsEvent.OrderClosed.class)).hasSize(4);
    assertThat(closed).containsOnly(
        Map.entry(refused.id(), OrderStatus.REFUSED),
        Map.entry(cancelled.id(), OrderStatus.CANCELLED),
        Map.entry(inconsistent.id(), OrderStatus.INCONSISTENT),
        Map.entry(expired.id(), OrderStatus.EXPIRED));
    assertThat(f.events().of(CreditsEvent.OrderPaid.class)).isEmpty();
  }

  @Test
  @DisplayName("each recorded refund publishes OrderRefunded with the tokens it took back; a retry publishes nothing")
  void orderRefundedPublished() {
    Offer ten = Catalogs.pack("ten", CHAT, "10.00", 100);
    save(credits(), ten);
    Order order = buy(f, ten, ALICE);

    credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "r1");
    credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "r1");
    credits().refundOrder(order.id(), Money.ofMinor(750, "USD"), "r2");

    List<CreditsEvent.OrderRefunded> refunds = f.events().of(CreditsEvent.OrderRefunded.class);
    assertThat(refunds).extracting(CreditsEvent.OrderRefunded::tokensReversed).containsExactly(25L, 75L);
    assertThat(refunds.get(0).order().refunded()).isEqualTo(Money.ofMinor(250, "USD"));
    assertThat(refunds.get(0).order().status()).isEqualTo(OrderStatus.PAID);
    assertThat(refunds.get(1).order().status()).isEqualTo(OrderStatus.REFUNDED);
  }

  // ---- tokens ----

  @Test
  @DisplayName("spending publishes TokensConsumed with the count and the new balance; not having enough publishes nothing")
  void tokensConsumedPublished() {
    save(credits(), chatPack());
    buy(f, chatPack(), ALICE);
    f.events().clear();

    credits().tokensConsumed(ALICE, CHAT, 30, "spend-1");
    Consumption tooMuch = credits().tokensConsumed(ALICE, CHAT, 500, "spend-2");

    assertThat(tooMuch).isInstanceOf(Consumption.Insufficient.class);
    assertThat(f.events().all()).containsExactly(new CreditsEvent.TokensConsumed(ALICE, CHAT, 30, 70, 2, START));
  }

  @Test
  @DisplayName("capturing a hold publishes TokensConsumed for the captured part only")
  void captureHoldPublishesConsumption() {
    save(credits(), chatPack());
    buy(f, chatPack(), ALICE);
    HoldResult held = credits().holdTokens(ALICE, CHAT, 50, Duration.ofMinutes(5), "job");
    f.events().clear();

    credits().captureHold(ALICE, CHAT, ((HoldResult.Held) held).hold().id(), 20, "job-done");

    assertThat(f.events().of(CreditsEvent.TokensConsumed.class)).extracting(CreditsEvent.TokensConsumed::count)
        .containsExactly(20L);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(80);
  }

  @Test
  @DisplayName("a replayed spend or capture (same key) publishes nothing: one event per effective change")
  void replaysPublishNothing() {
    save(credits(), chatPack());
    buy(f, chatPack(), ALICE);
    HoldResult held = credits().holdTokens(ALICE, CHAT, 50, Duration.ofMinutes(5), "job");
    f.events().clear();

    for (int i = 0; i < 3; i++) {
      credits().tokensConsumed(ALICE, CHAT, 10, "spend-1");
      credits().captureHold(ALICE, CHAT, ((HoldResult.Held) held).hold().id(), 20, "job-done");
      credits().createOrder(chatPack().id(), ALICE, 1, null, "order-1");
      credits().holdTokens(ALICE, CHAT, 5, Duration.ofMinutes(5), "job-2");
      credits().grantTokens(ALICE, CHAT, 7, null, "gift-1");
    }

    assertThat(f.events().of(CreditsEvent.TokensConsumed.class)).extracting(CreditsEvent.TokensConsumed::count)
        .containsExactly(10L, 20L);
    assertThat(f.events().of(CreditsEvent.OrderCreated.class)).hasSize(1);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100 - 10 - 20 - 5 + 7);
  }

  @Test
  @DisplayName("every event carries an id derived from its change: distinct across a whole story, stable for a spend")
  void eventIdsAreStableAndDistinct() {
    Offer ten = Catalogs.pack("ten", CHAT, "10.00", 100);
    save(credits(), ten);
    Order order = buy(f, ten, ALICE);
    credits().tokensConsumed(ALICE, CHAT, 10, "spend-1");
    credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "r1");
    credits().refundOrder(order.id(), Money.ofMinor(250, "USD"), "r2");
    Order other = started(f, ten.id(), ALICE, 1);
    credits().cancelOrder(other.id(), ALICE);
    credits().checkForExpiredOrders(ALICE, Duration.ofDays(1), Map.of(CHAT, 1_000L));

    List<String> ids = f.events().all().stream().map(CreditsEvent::id).toList();
    assertThat(ids).doesNotHaveDuplicates().doesNotContainNull();
    assertThat(f.events().of(CreditsEvent.TokensConsumed.class)).singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo("wallet:" + ALICE + "/" + CHAT + ":" + e.ledgerSeq()));
    assertThat(f.events().of(CreditsEvent.OrderPaid.class)).singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo("order:" + order.id() + ":paid"));
  }

  // ---- warnings ----

  @Test
  @DisplayName("checkForExpiredOrders publishes CreditsExpiring for tokens ending within warnBefore, and CreditsLow")
  void warningsPublished() {
    save(credits(), monthlyChat());
    buy(f, monthlyChat(), ALICE);
    Instant end = Instant.parse("2026-02-28T10:00:00Z");
    f.events().clear();

    f.clock().set(end.minus(Duration.ofDays(8)));
    ExpiryReport early = credits().checkForExpiredOrders(ALICE, Duration.ofDays(7), Map.of(CHAT, 50L));
    assertThat(early.warnings()).isEmpty();
    assertThat(f.events().all()).isEmpty();

    f.clock().set(end.minus(Duration.ofDays(3)));
    ExpiryReport soon = credits().checkForExpiredOrders(ALICE, Duration.ofDays(7), Map.of(CHAT, 150L));

    assertThat(soon.warnings()).containsExactlyInAnyOrder(new Warning.Expiring(CHAT, 100, end),
        new Warning.Low(CHAT, 100, 150));
    assertThat(f.events().all()).containsExactlyInAnyOrder(
        new CreditsEvent.CreditsExpiring(ALICE, CHAT, 100, end, f.clock().instant()),
        new CreditsEvent.CreditsLow(ALICE, CHAT, 100, 150, f.clock().instant()));
  }

  @Test
  @DisplayName("once the tokens expired, a balance of 0 is published as CreditsLow")
  void zeroBalanceIsLow() {
    save(credits(), monthlyChat());
    buy(f, monthlyChat(), ALICE);
    f.clock().set(Instant.parse("2026-03-01T00:00:00Z"));
    f.events().clear();

    ExpiryReport report = credits().checkForExpiredOrders(ALICE, Duration.ofDays(7), Map.of());

    assertThat(report.warnings()).containsExactly(new Warning.Low(CHAT, 0, 0));
    assertThat(f.events().all()).containsExactly(new CreditsEvent.CreditsLow(ALICE, CHAT, 0, 0, f.clock().instant()));
    assertThat(f.events().of(CreditsEvent.CreditsExpiring.class)).isEmpty();

    f.events().clear();
    credits().checkForExpiredOrders(ALICE, Duration.ofDays(7), Map.of(CHAT, 0L));
    assertThat(f.events().all()).as("0 is low even against a threshold of 0")
        .containsExactly(new CreditsEvent.CreditsLow(ALICE, CHAT, 0, 0, f.clock().instant()));
  }

  @Test
  @DisplayName("a group with a threshold but no tokens at all is published as CreditsLow")
  void groupNeverBoughtIsLow() {
    credits().checkForExpiredOrders(BOB, Duration.ofDays(1), Map.of("images", 10L));

    assertThat(f.events().all()).containsExactly(new CreditsEvent.CreditsLow(BOB, "images", 0, 10, START));
  }

  // ---- publishers ----

  @Test
  @DisplayName("an event is published only after the change it describes is stored")
  void publishedAfterStored() {
    save(credits(), chatPack());
    List<String> problems = new CopyOnWriteArrayList<>();
    Credits observed = withPublisher(e -> {
      if (e instanceof CreditsEvent.OrderCreated || e instanceof CreditsEvent.OrderPaid
          || e instanceof CreditsEvent.OrderClosed) {
        Order event = e instanceof CreditsEvent.OrderCreated ? ((CreditsEvent.OrderCreated) e).order()
            : e instanceof CreditsEvent.OrderPaid ? ((CreditsEvent.OrderPaid) e).order()
            : ((CreditsEvent.OrderClosed) e).order();
        Order stored = f.store().orders().find(event.id()).orElse(null);
        if (stored == null || stored.status() != event.status()) {
          problems.add(e + " but stored " + stored);
        }
      }
      if (e instanceof CreditsEvent.OrderPaid && balance(f, e.userId(), CHAT) < 100) {
        problems.add("OrderPaid before its tokens were granted");
      }
      if (e instanceof CreditsEvent.TokensConsumed
          && balance(f, e.userId(), CHAT) != ((CreditsEvent.TokensConsumed) e).balance()) {
        problems.add(e + " but stored balance " + balance(f, e.userId(), CHAT));
      }
    });

    Order order = observed.createOrder(chatPack().id(), ALICE, 1);
    observed.startPayment(order.id(), ALICE);
    observed.confirmPayment(order.id(), ALICE);
    observed.tokensConsumed(ALICE, CHAT, 10, "spend");
    observed.cancelOrder(observed.createOrder(chatPack().id(), ALICE, 1).id(), ALICE);

    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("a publisher that throws never breaks or undoes an operation")
  void throwingPublisherBreaksNothing() {
    AtomicInteger calls = new AtomicInteger();
    Credits credits = withPublisher(e -> {
      calls.incrementAndGet();
      throw new IllegalStateException("broker down");
    });
    Offer ten = Catalogs.pack("ten", CHAT, "10.00", 100);
    Offer trial = Offer.builder("trial", "Trial").group("trial").price("0", "USD").tokens(5).build();
    save(credits, ten, trial);

    Order order = credits.createOrder(ten.id(), ALICE, 1);
    credits.startPayment(order.id(), ALICE);
    Order paid = credits.confirmPayment(order.id(), ALICE);
    Consumption spent = credits.tokensConsumed(ALICE, CHAT, 10, "spend");
    Order refunded = credits.refundOrder(order.id(), Money.ofMinor(500, "USD"), "half");
    Order cancelled = credits.cancelOrder(credits.createOrder(ten.id(), ALICE, 1).id(), ALICE);
    Order free = credits.createOrder(trial.id(), ALICE, 1);
    Order late = credits.createOrder(ten.id(), BOB, 1);
    f.clock().set(late.paymentDeadline());
    ExpiryReport report = credits.checkForExpiredOrders(BOB, Duration.ofDays(1), Map.of(CHAT, 10L));

    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(paid.granted()).isTrue();
    assertThat(spent).isInstanceOf(Consumption.Spent.class);
    assertThat(refunded.refunded()).isEqualTo(Money.ofMinor(500, "USD"));
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(free.status()).isEqualTo(OrderStatus.PAID);
    assertThat(report.expiredOrders()).extracting(Order::id).containsExactly(late.id());
    assertThat(report.warnings()).isNotEmpty();
    assertThat(balance(f, ALICE, CHAT)).as("100 - 10 spent - 50 reversed").isEqualTo(40);
    assertThat(balance(f, ALICE, "trial")).isEqualTo(5);
    assertThat(calls.get()).as("every event was attempted").isGreaterThanOrEqualTo(10);
  }
}

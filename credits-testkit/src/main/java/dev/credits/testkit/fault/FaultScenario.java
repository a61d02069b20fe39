package dev.credits.testkit.fault;

import dev.credits.core.Credits;
import dev.credits.core.StoreUnavailableException;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.SweepReport;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.EventPublisher;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One purchase-and-spend story on one store, the payment lifecycle included (a refund that fails at
 * the processor, a dispute won and one lost, a declined attempt then a paying retry, a cancel that
 * closes the payment first, late money, a debit still processing at the window's end), with the
 * documented recovery: a call that fails with
 * {@link StoreUnavailableException} is retried with the same arguments and idempotency key until it
 * succeeds, and a sweep runs at the end. Single-threaded; one instance per run.
 */
final class FaultScenario {
  static final UserId ALICE = UserId.of("alice");
  static final String GROUP = "chat";
  static final OfferId PACK = OfferId.of("chat-pack");
  static final Money PRICE = Money.parse("10.00", "USD");
  static final String PAID_EVENT = "evt_paid_1";
  private static final int MAX_ATTEMPTS = 5;

  private record Step(String name, Runnable action) {}

  private final FaultInjectingStore store;
  private final MutableClock clock = MutableClock.at("2026-01-31T10:00:00Z");
  private final FakePaymentGateway gateway = new FakePaymentGateway(clock);
  private final Credits credits;
  private final List<String> problems = new ArrayList<>();
  private final java.util.Map<String, FakePaymentGateway.Webhook> notifications = new java.util.HashMap<>();
  private OrderId order;
  private OrderId second;
  private OrderId cancelled;
  private OrderId debit;
  private HoldId job;
  private FakePaymentGateway.Webhook paidWebhook;
  private String faultStep;
  private int retries;

  FaultScenario(FaultInjectingStore store) {
    this.store = store;
    AtomicLong ids = new AtomicLong();
    this.credits = Credits.builder().store(store).gateway(gateway).events(EventPublisher.none()).clock(clock)
        .paymentWindow(Duration.ofMinutes(30)).ids(() -> Long.toString(ids.incrementAndGet())).build();
  }

  private List<Step> steps() {
    return List.of(
        new Step("save offer", () -> credits.saveOffer(Offer.builder(PACK.value(), "Chat, 1000 tokens").group(GROUP)
            .price(PRICE).tokens(1_000).cycle(Cycle.ONCE).build())),
        new Step("create order", () -> order = credits.createOrder(PACK, ALICE, 1).id()),
        new Step("start payment", () -> credits.startPayment(order, ALICE)),
        new Step("confirm payment", () -> credits.confirmPayment(order, ALICE)),
        new Step("payment webhook", () -> credits.handleWebhook(webhook().payload(), webhook().headers())),
        new Step("duplicate payment event", () -> credits.handlePaymentEvent(new PaymentEvent(PAID_EVENT,
            PaymentEventType.PAYMENT_SUCCEEDED, null, order, PRICE, clock.instant()))),
        new Step("consume with key", () -> credits.tokensConsumed(ALICE, GROUP, 120, "spend-1")),
        new Step("hold with key", () -> job = held(credits.holdTokens(ALICE, GROUP, 300, Duration.ofMinutes(10),
            "job-1"))),
        new Step("capture with key", () -> credits.captureHold(ALICE, GROUP, job, 180, "job-1-capture")),
        new Step("hold left to expire", () -> held(credits.holdTokens(ALICE, GROUP, 50, Duration.ofMinutes(10),
            "job-2"))),
        new Step("partial refund with key", () -> credits.refundOrder(order, Money.parse("2.50", "USD"), "refund-1")),
        new Step("refund fails at the processor", () -> deliver("refund-failed", () -> gateway.failRefund(order,
            credits.getOrder(order, ALICE).refunds().get(0).id()))),
        new Step("dispute opened", () -> deliver("dispute-1-opened", () -> gateway.openDispute(order, "dp_1"))),
        new Step("dispute won", () -> deliver("dispute-1-won", () -> gateway.closeDispute(order, "dp_1", true))),
        new Step("create second order", () -> second = credits.createOrder(PACK, ALICE, 2, null, "order-2").id()),
        new Step("start second payment", () -> credits.startPayment(second, ALICE)),
        new Step("declined attempt", () -> {
          gateway.declineAttempt(second, "card_declined");
          deliver("declined", () -> gateway.event("evt_declined", PaymentEventType.PAYMENT_FAILED, second,
              gateway.intentFor(second).orElseThrow().reference(), null, null, "card_declined", clock.instant()));
        }),
        new Step("retry pays", () -> {
          gateway.pay(second);
          credits.confirmPayment(second, ALICE);
        }),
        new Step("second dispute opened", () -> deliver("dispute-2-opened", () -> gateway.openDispute(second, "dp_2"))),
        new Step("second dispute lost", () -> deliver("dispute-2-lost", () -> gateway.closeDispute(second, "dp_2",
            false))),
        new Step("create order to cancel", () -> cancelled = credits.createOrder(PACK, ALICE, 1, null, "order-3").id()),
        new Step("start its payment", () -> credits.startPayment(cancelled, ALICE)),
        new Step("cancel at the processor first", () -> credits.cancelOrder(cancelled, ALICE)),
        new Step("late money for it", () -> {
          gateway.collectAnyway(cancelled);
          deliver("late", () -> gateway.webhook("evt_late", PaymentEventType.PAYMENT_SUCCEEDED, cancelled, PRICE,
              clock.instant()));
        }),
        new Step("create order paid by debit", () -> debit = credits.createOrder(PACK, ALICE, 1, null, "order-4").id()),
        new Step("start its debit", () -> {
          credits.startPayment(debit, ALICE);
          gateway.startProcessing(debit);
        }),
        new Step("create order left unpaid", () -> credits.createOrder(PACK, ALICE, 1)),
        new Step("clock +31 min", () -> clock.advance(Duration.ofMinutes(31))),
        new Step("sweeper pass", () -> credits.sweeper("instance-1", 100).runOnce(Duration.ofMinutes(1))),
        new Step("debit still processing: the sweep waits", this::sweepUntilQuiet),
        new Step("debit settles", () -> {
          gateway.pay(debit);
          credits.confirmPayment(debit, ALICE);
        }),
        new Step("final sweep", this::sweepUntilQuiet));
  }

  /** Delivers a processor notification, made once so that a retry delivers the very same event. */
  private void deliver(String name, java.util.function.Supplier<FakePaymentGateway.Webhook> make) {
    FakePaymentGateway.Webhook hook = notifications.computeIfAbsent(name, n -> make.get());
    if (credits.handleWebhook(hook.payload(), hook.headers()).shouldRedeliver()) {
      throw new IllegalStateException(name + " was deferred");
    }
  }

  private FakePaymentGateway.Webhook webhook() {
    if (paidWebhook == null) {
      paidWebhook = gateway.webhook(PAID_EVENT, PaymentEventType.PAYMENT_SUCCEEDED, order, PRICE, clock.instant());
    }
    return paidWebhook;
  }

  private static HoldId held(HoldResult result) {
    if (!(result instanceof HoldResult.Held)) {
      throw new IllegalStateException("hold refused: " + result);
    }
    return ((HoldResult.Held) result).hold().id();
  }

  private void sweepUntilQuiet() {
    for (int pass = 0; pass < 10; pass++) {
      SweepReport r = credits.sweep(100);
      if (r.walletsSettled() == 0 && r.ordersExpired() == 0 && r.ordersGranted() == 0) {
        return;
      }
    }
    throw new IllegalStateException("the sweep keeps finding work after 10 passes");
  }

  /** Runs every step with retries; returns what went wrong on the way (not the final-state checks). */
  List<String> run() {
    for (Step step : steps()) {
      for (int attempt = 1; ; attempt++) {
        try {
          step.action().run();
          break;
        } catch (StoreUnavailableException e) {
          if (faultStep == null) {
            faultStep = step.name();
          }
          if (attempt >= MAX_ATTEMPTS) {
            problems.add(step.name() + " still fails after " + attempt + " attempts: " + e.getMessage());
            break;
          }
          retries++;
        } catch (RuntimeException e) {
          problems.add(step.name() + " threw " + e);
          break;
        }
      }
    }
    return problems;
  }

  String faultStep() {
    return faultStep;
  }

  int retries() {
    return retries;
  }

  MutableClock clock() {
    return clock;
  }

  FakePaymentGateway gateway() {
    return gateway;
  }

  OrderId paidOrder() {
    return order;
  }

  FaultInjectingStore store() {
    return store;
  }
}

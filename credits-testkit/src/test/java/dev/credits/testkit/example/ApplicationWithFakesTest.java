package dev.credits.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.Credits;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.UserId;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.MutableClock;
import dev.credits.testkit.RecordingEventPublisher;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("an application test with the testkit's clock, gateway and event recorder")
class ApplicationWithFakesTest {
  private final MutableClock clock = MutableClock.at("2026-01-31T10:00:00Z");
  private final FakePaymentGateway gateway = new FakePaymentGateway(clock);
  private final RecordingEventPublisher events = new RecordingEventPublisher();
  private final Credits credits = Credits.builder().clock(clock).gateway(gateway).events(events).build();
  private final UserId alice = UserId.of("alice");

  @Test
  @DisplayName("a signed webhook pays the order once, however often it is delivered")
  void webhookPaysOnce() {
    credits.saveOffer(Offer.builder("pack", "100 tokens").group("api").price("9.00", "EUR").tokens(100).build());
    Order order = credits.createOrder(OfferId.of("pack"), alice, 1);
    credits.startPayment(order.id(), alice);

    FakePaymentGateway.Webhook paid = gateway.webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), order.total());
    credits.handleWebhook(paid.payload(), paid.headers());
    credits.handleWebhook(paid.payload(), paid.headers()); // the processor retries

    assertThat(credits.getOrder(order.id(), alice).status()).isEqualTo(OrderStatus.PAID);
    assertThat(credits.getUserCredits(alice).balance("api")).isEqualTo(100);
    assertThat(events.of(CreditsEvent.OrderPaid.class)).hasSize(1);
    assertThat(credits.tokensConsumed(alice, "api", 30, "request-1")).isInstanceOf(Consumption.Spent.class);
  }

  @Test
  @DisplayName("a declined payment grants nothing, and an unpaid order expires when the clock passes its window")
  void declinedThenExpired() {
    credits.saveOffer(Offer.builder("pack", "100 tokens").group("api").price("9.00", "EUR").tokens(100).build());
    Order order = credits.createOrder(OfferId.of("pack"), alice, 1);
    credits.startPayment(order.id(), alice);
    gateway.willDecline("card_declined");

    assertThat(credits.confirmPayment(order.id(), alice).status()).isEqualTo(OrderStatus.PENDING); // may retry

    Order second = credits.createOrder(OfferId.of("pack"), alice, 1);
    clock.advance(Duration.ofHours(2)); // past the payment window: time moves only when the test says so
    credits.sweep(100);

    assertThat(credits.getOrder(second.id(), alice).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(credits.getUserCredits(alice).balance("api")).isZero();
  }
}

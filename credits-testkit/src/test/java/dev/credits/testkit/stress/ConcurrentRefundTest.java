package dev.credits.testkit.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.ConflictException;
import dev.credits.core.Credits;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.RefundResult;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.EventPublisher;
import dev.credits.core.spi.PaymentGateway;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("two refunds of one order with different keys at the same time")
class ConcurrentRefundTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final Money PRICE = Money.parse("10.00", "USD");

  /** A gateway that runs a callback while it is refunding, to interleave a second refund deterministically. */
  private static final class InterleavingGateway implements PaymentGateway {
    final FakePaymentGateway fake;
    final List<Money> refunded = new ArrayList<>();
    Consumer<String> duringRefund = key -> {};

    InterleavingGateway(FakePaymentGateway fake) {
      this.fake = fake;
    }

    @Override
    public String name() {
      return fake.name();
    }

    @Override
    public PaymentIntent createIntent(PaymentRequest request) {
      return fake.createIntent(request);
    }

    @Override
    public PaymentStatus inspect(String reference) {
      return fake.inspect(reference);
    }

    @Override
    public PaymentEvent parseWebhook(String payload, Map<String, String> headers) {
      return fake.parseWebhook(payload, headers);
    }

    @Override
    public RefundResult refund(String reference, Money amount, String idempotencyKey) {
      Consumer<String> during = duringRefund;
      duringRefund = key -> {};
      during.accept(idempotencyKey);
      refunded.add(amount);
      return fake.refund(reference, amount, idempotencyKey);
    }

    @Override
    public Optional<Money> customerBalance(UserId userId) {
      return fake.customerBalance(userId);
    }
  }

  @Test
  @DisplayName("never both reach the processor: the second is told to retry, and then does not fit")
  void refundsAreSerialised() {
    MutableClock clock = MutableClock.at("2026-01-31T10:00:00Z");
    InterleavingGateway gateway = new InterleavingGateway(new FakePaymentGateway(clock));
    Credits credits = Credits.builder().store(new InMemoryCreditsStore()).gateway(gateway)
        .events(EventPublisher.none()).clock(clock).build();
    credits.saveOffer(Offer.builder("pack", "1000 tokens").group("chat").price(PRICE).tokens(1_000).build());
    Order order = credits.createOrder(OfferId.of("pack"), ALICE, 1);
    credits.startPayment(order.id(), ALICE);
    credits.confirmPayment(order.id(), ALICE);
    List<Throwable> second = new ArrayList<>();
    gateway.duringRefund = key -> {
      try {
        credits.refundOrder(order.id(), PRICE, "refund-b");
      } catch (RuntimeException e) {
        second.add(e);
      }
    };

    Order after = credits.refundOrder(order.id(), PRICE, "refund-a");

    assertThat(second).singleElement().isInstanceOf(ConflictException.class);
    assertThat(gateway.refunded).containsExactly(PRICE);
    assertThat(after.refunded()).isEqualTo(PRICE);
    assertThatThrownBy(() -> credits.refundOrder(order.id(), PRICE, "refund-b"))
        .hasMessageContaining("only a PAID order can be refunded");
    assertThat(gateway.refunded).containsExactly(PRICE);
    assertThat(credits.getUserCredits(ALICE).balance("chat")).isZero();
  }
}

package dev.credits.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.Credits;
import dev.credits.core.StoreUnavailableException;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.UserId;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.StoreAudit;
import dev.credits.testkit.contract.CreditsFixture;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a crash between marking an order paid and granting it")
class RefundBeforeGrantRecoveryTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final Money PRICE = Money.parse("10.00", "USD");

  @Test
  @DisplayName("followed by a partial refund notification still takes back the refunded share once granted")
  void refundNotificationBeforeTheGrantIsCompleted() {
    // writes: 1 save offer, 2 insert order, 3 start payment, 4 the webhook marks the order PAID
    FaultInjectingStore store = FaultInjectingStore.failing(new InMemoryCreditsStore(), 4,
        FaultInjectingStore.Timing.AFTER);
    CreditsFixture f = new CreditsFixture(store);
    Credits credits = f.credits();
    credits.saveOffer(Offer.builder("pack", "1000 tokens").group("chat").price(PRICE).tokens(1_000).build());
    Order order = credits.createOrder(OfferId.of("pack"), ALICE, 1);
    credits.startPayment(order.id(), ALICE);
    FakePaymentGateway.Webhook paid = f.gateway().webhook("evt_paid", PaymentEventType.PAYMENT_SUCCEEDED, order.id(),
        PRICE, f.clock().instant());

    assertThatThrownBy(() -> credits.handleWebhook(paid.payload(), paid.headers()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(credits.getOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);

    // before the processor redelivers the payment event, a quarter of the money is refunded at the processor
    FakePaymentGateway.Webhook refunded = f.gateway().webhook("evt_refund", PaymentEventType.REFUNDED, order.id(),
        Money.parse("2.50", "USD"), f.clock().instant());
    credits.handleWebhook(refunded.payload(), refunded.headers());
    credits.sweep(100);
    credits.handleWebhook(paid.payload(), paid.headers());

    Order after = credits.getOrder(order.id(), ALICE);
    assertThat(after.granted()).isTrue();
    assertThat(after.refunded()).isEqualTo(Money.parse("2.50", "USD"));
    assertThat(credits.getUserCredits(ALICE).balance("chat")).isEqualTo(750);
    StoreAudit audit = StoreAudit.of(store.delegate(), f.clock().instant(), List.of(ALICE));
    assertThat(audit.ledgerProblems()).isEmpty();
    assertThat(audit.grantProblems()).isEmpty();
  }
}

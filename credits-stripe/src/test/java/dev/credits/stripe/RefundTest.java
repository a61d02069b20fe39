package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.PaymentGatewayException;
import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.RefundResult;
import dev.credits.core.model.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Refunding a payment")
class RefundTest {
  private final StripeStub stub = StripeStub.start();
  private final StripePaymentGateway gateway = TestGateways.against(stub).build();
  private final String intent = gateway.createIntent(new PaymentRequest(OrderId.of("ord_1"), UserId.of("alice"),
      Money.parse("1.230", "KWD"), "credits-order-ord_1", null)).reference();

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  @DisplayName("creates a Refund on the intent for the amount in Stripe's unit, with the key")
  void refund() {
    RefundResult result = gateway.refund(intent, Money.parse("0.500", "KWD"), "refund-1");

    StripeStub.Request sent = stub.requests("POST", "/v1/refunds").get(0);
    assertThat(sent.form()).containsEntry("payment_intent", intent).containsEntry("amount", "500");
    assertThat(sent.idempotencyKey()).isEqualTo("refund-1");
    assertThat(result.refundId()).startsWith("re_");
    assertThat(result.amount()).isEqualTo(Money.parse("0.500", "KWD"));
    assertThat(result.succeeded()).isTrue();
  }

  @Test
  @DisplayName("a retry with the same key returns the same refund: money goes back once")
  void idempotent() {
    RefundResult first = gateway.refund(intent, Money.parse("0.500", "KWD"), "refund-1");
    RefundResult again = gateway.refund(intent, Money.parse("0.500", "KWD"), "refund-1");

    assertThat(again).isEqualTo(first);
    assertThat(stub.refundsCreated()).isEqualTo(1);
  }

  @Test
  @DisplayName("a pending refund is reported as not yet succeeded")
  void pending() {
    stub.refundsEndIn("pending");

    assertThat(gateway.refund(intent, Money.parse("1.230", "KWD"), "refund-2").succeeded()).isFalse();
  }

  @Test
  @DisplayName("a refund Stripe reports failed at once throws, so nothing is reversed for it")
  void failed() {
    stub.refundsEndIn("failed");

    assertThatThrownBy(() -> gateway.refund(intent, Money.parse("1.230", "KWD"), "refund-3"))
        .isInstanceOf(PaymentGatewayException.class).hasMessageContaining("failed");
  }

  @Test
  @DisplayName("a 500 throws PaymentGatewayException; a blank key or a zero amount is refused before any call")
  void failures() {
    stub.failNext(1);
    assertThatThrownBy(() -> gateway.refund(intent, Money.parse("1.000", "KWD"), "refund-4"))
        .isInstanceOf(PaymentGatewayException.class);

    int calls = stub.requests().size();
    assertThatThrownBy(() -> gateway.refund(intent, Money.parse("1.000", "KWD"), ""))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> gateway.refund(intent, Money.parse("0", "KWD"), "refund-5"))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(stub.requests()).hasSize(calls);
  }
}

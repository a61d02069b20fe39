package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.PaymentGatewayException;
import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.UserId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Creating a payment intent")
class CreateIntentTest {
  private final StripeStub stub = StripeStub.start();

  @AfterEach
  void stop() {
    stub.close();
  }

  private static PaymentRequest request(String order, Money amount) {
    return new PaymentRequest(OrderId.of(order), UserId.of("alice"), amount, "credits-order-" + order,
        "order " + order);
  }

  @ParameterizedTest(name = "{0} {1} is sent as amount={2}, currency={3}")
  @CsvSource({"19.99, USD, 1999, usd", "500, JPY, 500, jpy", "1.234, BHD, 1234, bhd"})
  @DisplayName("sends the order's amount in Stripe's minor unit and its currency in lowercase")
  void amounts(String amount, String currency, String sentAmount, String sentCurrency) {
    StripePaymentGateway gateway = TestGateways.against(stub).build();

    PaymentIntent intent = gateway.createIntent(request("ord_1", Money.parse(amount, currency)));

    StripeStub.Request sent = stub.requests("POST", "/v1/payment_intents").get(0);
    assertThat(sent.form()).containsEntry("amount", sentAmount).containsEntry("currency", sentCurrency);
    assertThat(intent.amount()).isEqualTo(Money.parse(amount, currency));
  }

  @Test
  @DisplayName("names the order and the user in metadata, sends the idempotency key and returns the client secret")
  void metadataKeyAndSecret() {
    StripePaymentGateway gateway = TestGateways.against(stub).build();

    PaymentIntent intent = gateway.createIntent(request("ord_7", Money.parse("5.00", "EUR")));

    StripeStub.Request sent = stub.requests("POST", "/v1/payment_intents").get(0);
    assertThat(sent.form()).containsEntry("metadata[order_id]", "ord_7").containsEntry("metadata[user_id]", "alice")
        .containsEntry("description", "order ord_7").doesNotContainKey("customer");
    assertThat(sent.idempotencyKey()).isEqualTo("credits-order-ord_7");
    assertThat(sent.authorization()).isEqualTo("Bearer " + TestGateways.SECRET_KEY);
    assertThat(intent.reference()).isEqualTo("pi_stub1");
    assertThat(intent.clientSecret()).isEqualTo(stub.intent("pi_stub1").get("client_secret").getAsString())
        .isNotBlank();
    assertThat(intent.processor()).isEqualTo("stripe");
    assertThat(intent.orderId()).isEqualTo(OrderId.of("ord_7"));
  }

  @Test
  @DisplayName("a retry of the same request returns the same intent: Stripe holds one")
  void retryMakesOneIntent() {
    StripePaymentGateway gateway = TestGateways.against(stub).build();
    PaymentRequest request = request("ord_2", Money.parse("19.99", "USD"));

    PaymentIntent first = gateway.createIntent(request);
    PaymentIntent second = gateway.createIntent(request);

    assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(2);
    assertThat(stub.intentsCreated()).isEqualTo(1);
    assertThat(second.reference()).isEqualTo(first.reference());
    assertThat(second.clientSecret()).isEqualTo(first.clientSecret());
  }

  @Test
  @DisplayName("the SDK's own retry after a 500 reuses the key, so one intent is made")
  void sdkRetryAfterServerError() {
    StripePaymentGateway gateway = TestGateways.against(stub, 1, Duration.ofSeconds(2)).build();
    stub.failNext(1);

    PaymentIntent intent = gateway.createIntent(request("ord_3", Money.parse("19.99", "USD")));

    assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(2)
        .allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo("credits-order-ord_3"));
    assertThat(stub.intentsCreated()).isEqualTo(1);
    assertThat(intent.reference()).isNotBlank();
  }

  @Test
  @DisplayName("a 500 throws PaymentGatewayException naming no secret, and a later retry succeeds")
  void serverErrorThrows() {
    StripePaymentGateway gateway = TestGateways.against(stub).build();
    stub.failNext(1);
    PaymentRequest request = request("ord_4", Money.parse("19.99", "USD"));

    assertThatThrownBy(() -> gateway.createIntent(request))
        .isInstanceOf(PaymentGatewayException.class)
        .hasMessageContaining("http 500")
        .hasMessageContaining("unknown")
        .satisfies(e -> assertThat(e.toString()).doesNotContain(TestGateways.SECRET_KEY)
            .doesNotContain(TestGateways.WEBHOOK_SECRET));
    assertThat(stub.intentsCreated()).isZero();

    assertThat(gateway.createIntent(request).reference()).isNotBlank();
    assertThat(stub.intentsCreated()).isEqualTo(1);
  }

  @Test
  @DisplayName("a create that times out throws PaymentGatewayException; the order can be retried")
  void timeoutThrows() {
    StripePaymentGateway gateway = TestGateways.against(stub, 0, Duration.ofMillis(1500)).build();
    stub.stallNext(1, Duration.ofSeconds(5));

    assertThatThrownBy(() -> gateway.createIntent(request("ord_5", Money.parse("1.00", "USD"))))
        .isInstanceOf(PaymentGatewayException.class)
        .hasMessageContaining("ApiConnectionException");
  }

  @Test
  @DisplayName("a mapped user's payment is attached to their Stripe customer")
  void attachesCustomer() {
    StripePaymentGateway gateway = TestGateways.against(stub)
        .customers(user -> user.equals(UserId.of("alice")) ? Optional.of("cus_alice") : Optional.empty()).build();

    gateway.createIntent(request("ord_6", Money.parse("3.00", "USD")));

    assertThat(stub.requests("POST", "/v1/payment_intents").get(0).form()).containsEntry("customer", "cus_alice");
  }

  @Test
  @DisplayName("a request without an idempotency key, or with an amount Stripe cannot express, is refused before any call")
  void refusedLocally() {
    StripePaymentGateway gateway = TestGateways.against(stub).build();

    assertThatThrownBy(() -> gateway.createIntent(new PaymentRequest(OrderId.of("o"), UserId.of("u"),
        Money.parse("1.00", "USD"), " ", null))).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> gateway.createIntent(request("o", Money.parse("12.34", "MGA"))))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(stub.requests()).isEmpty();
  }
}

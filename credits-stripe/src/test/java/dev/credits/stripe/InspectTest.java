package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.UserId;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Inspecting a payment")
class InspectTest {
  private final StripeStub stub = StripeStub.start();
  private final StripePaymentGateway gateway = TestGateways.against(stub, 0, Duration.ofMillis(1500)).build();

  @AfterEach
  void stop() {
    stub.close();
  }

  private String intent(String amount, String currency) {
    return gateway.createIntent(new PaymentRequest(OrderId.of("ord_1"), UserId.of("alice"),
        Money.parse(amount, currency), "key-" + amount + currency, null)).reference();
  }

  @Test
  @DisplayName("succeeded is Succeeded with amount_received in the intent's currency")
  void succeeded() {
    String id = intent("2900", "JPY");
    stub.setStatus(id, "succeeded");

    assertThat(gateway.inspect(id)).isEqualTo(new PaymentStatus.Succeeded(id, Money.parse("2900", "JPY")));
  }

  @Test
  @DisplayName("succeeded reports what was received, even when it differs from the amount asked")
  void succeededReportsReceived() {
    String id = intent("19.99", "USD");
    stub.setStatus(id, "succeeded");
    stub.intent(id).addProperty("amount_received", 1000);

    assertThat(gateway.inspect(id)).isEqualTo(new PaymentStatus.Succeeded(id, Money.parse("10.00", "USD")));
  }

  @ParameterizedTest(name = "{0} is Pending")
  @ValueSource(strings = {"processing", "requires_action", "requires_confirmation", "requires_capture"})
  @DisplayName("a payment on its way is Pending with Stripe's status as detail")
  void pending(String status) {
    String id = intent("19.99", "USD");
    stub.setStatus(id, status);

    assertThat(gateway.inspect(id)).isEqualTo(new PaymentStatus.Pending(id, status));
  }

  @Test
  @DisplayName("requires_payment_method before any attempt is Pending")
  void notTriedYet() {
    String id = intent("19.99", "USD");

    assertThat(gateway.inspect(id)).isEqualTo(new PaymentStatus.Pending(id, "requires_payment_method"));
  }

  @Test
  @DisplayName("requires_payment_method after a failed attempt is Declined, with the decline code")
  void declined() {
    String id = intent("19.99", "USD");
    stub.decline(id, "insufficient_funds");

    assertThat(gateway.inspect(id)).isEqualTo(new PaymentStatus.Declined(id, "payment failed: insufficient_funds"));
  }

  @Test
  @DisplayName("canceled is Canceled with Stripe's reason")
  void canceled() {
    String id = intent("19.99", "USD");
    stub.cancel(id, "abandoned");

    assertThat(gateway.inspect(id)).isEqualTo(new PaymentStatus.Canceled(id, "canceled: abandoned"));
  }

  @Test
  @DisplayName("a status this library does not know is Unknown, not a decline")
  void unrecognisedStatus() {
    String id = intent("19.99", "USD");
    stub.setStatus(id, "requires_reauthorization");

    assertThat(gateway.inspect(id)).isInstanceOf(PaymentStatus.Unknown.class);
  }

  @Test
  @DisplayName("a Stripe that answers after the read timeout is Unknown, never Declined")
  void timeoutIsUnknown() {
    String id = intent("19.99", "USD");
    stub.decline(id, "generic_decline");
    stub.stallNext(1, Duration.ofSeconds(5));

    PaymentStatus status = gateway.inspect(id);

    assertThat(status).isInstanceOf(PaymentStatus.Unknown.class);
    assertThat(((PaymentStatus.Unknown) status).reason()).contains("ApiConnectionException")
        .contains("SocketTimeoutException");
    assertThat(status.reference()).isEqualTo(id);
  }

  @Test
  @DisplayName("a 500 is Unknown")
  void serverErrorIsUnknown() {
    String id = intent("19.99", "USD");
    stub.setStatus(id, "succeeded");
    stub.failNext(1);

    assertThat(gateway.inspect(id)).isInstanceOf(PaymentStatus.Unknown.class)
        .extracting(s -> ((PaymentStatus.Unknown) s).reason()).asString().contains("http 500");
    assertThat(gateway.inspect(id)).isInstanceOf(PaymentStatus.Succeeded.class);
  }

  @Test
  @DisplayName("a Stripe that cannot be reached at all is Unknown")
  void unreachableIsUnknown() {
    String base = stub.baseUrl();
    stub.close();
    StripePaymentGateway offline = StripePaymentGateway.builder().secretKey(TestGateways.SECRET_KEY)
        .webhookSecret(TestGateways.WEBHOOK_SECRET).apiBase(base).networkRetries(0).build();

    assertThat(offline.inspect("pi_gone")).isInstanceOf(PaymentStatus.Unknown.class);
  }

  @Test
  @DisplayName("an intent Stripe does not know is Unknown; a blank reference is refused")
  void missingIntent() {
    assertThat(gateway.inspect("pi_nope")).isInstanceOf(PaymentStatus.Unknown.class)
        .extracting(s -> ((PaymentStatus.Unknown) s).reason()).asString().contains("http 404");
    assertThatThrownBy(() -> gateway.inspect(" ")).isInstanceOf(InvalidRequestException.class);
  }
}

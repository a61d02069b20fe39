package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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

@DisplayName("Cancelling a payment")
class CancelTest {
  private final StripeStub stub = StripeStub.start();
  private final StripePaymentGateway gateway = TestGateways.against(stub, 0, Duration.ofMillis(1500)).build();
  private final String id = gateway.createIntent(new PaymentRequest(OrderId.of("ord_1"), UserId.of("alice"),
      Money.parse("19.99", "USD"), "credits-order-ord_1", null)).reference();

  @AfterEach
  void stop() {
    stub.close();
  }

  private String status() {
    return stub.intent(id).get("status").getAsString();
  }

  @Test
  @DisplayName("an open intent is cancelled at Stripe with the key credits-cancel-<id>, and is Canceled")
  void cancellable() {
    PaymentStatus status = gateway.cancel(id);

    assertThat(status).isEqualTo(new PaymentStatus.Canceled(id, "canceled"));
    assertThat(stub.cancelRequests(id)).singleElement()
        .satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo("credits-cancel-" + id));
    assertThat(status()).isEqualTo("canceled");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"requires_payment_method", "requires_confirmation", "requires_action", "requires_capture"})
  @DisplayName("every requires_* status can be cancelled")
  void everyOpenStatus(String open) {
    stub.setStatus(id, open);

    assertThat(gateway.cancel(id)).isEqualTo(new PaymentStatus.Canceled(id, "canceled"));
    assertThat(status()).isEqualTo("canceled");
  }

  @Test
  @DisplayName("an intent whose last attempt was declined can still be cancelled")
  void declinedIsCancellable() {
    stub.decline(id, "insufficient_funds");

    assertThat(gateway.cancel(id)).isEqualTo(new PaymentStatus.Canceled(id, "canceled"));
    assertThat(status()).isEqualTo("canceled");
  }

  @Test
  @DisplayName("a succeeded intent is refused by Stripe; the answer is Succeeded with the amount received")
  void succeeded() {
    stub.setStatus(id, "succeeded");

    assertThat(gateway.cancel(id)).isEqualTo(new PaymentStatus.Succeeded(id, Money.parse("19.99", "USD")));
    assertThat(status()).isEqualTo("succeeded");
    assertThat(stub.requests()).extracting(StripeStub.Request::method, StripeStub.Request::path).endsWith(
        tuple("POST", "/v1/payment_intents/" + id + "/cancel"),
        tuple("GET", "/v1/payment_intents/" + id));
  }

  @Test
  @DisplayName("a processing intent is refused by Stripe; the answer is Pending(processing) and it keeps processing")
  void processing() {
    stub.setStatus(id, "processing");

    assertThat(gateway.cancel(id)).isEqualTo(new PaymentStatus.Pending(id, "processing"));
    assertThat(status()).isEqualTo("processing");
  }

  @Test
  @DisplayName("an intent cancelled elsewhere is Canceled with Stripe's reason")
  void alreadyCanceled() {
    stub.cancel(id, "abandoned");

    assertThat(gateway.cancel(id)).isEqualTo(new PaymentStatus.Canceled(id, "canceled: abandoned"));
  }

  @Test
  @DisplayName("cancelling twice is Canceled twice")
  void twice() {
    PaymentStatus first = gateway.cancel(id);

    assertThat(gateway.cancel(id)).isEqualTo(first).isInstanceOf(PaymentStatus.Canceled.class);
    assertThat(status()).isEqualTo("canceled");
  }

  @Test
  @DisplayName("an intent refused while processing is cancelled once its debit failed, though Stripe replays the refusal to the same key")
  void processingThenFailed() {
    stub.setStatus(id, "processing");
    assertThat(gateway.cancel(id)).isEqualTo(new PaymentStatus.Pending(id, "processing"));

    stub.decline(id, "insufficient_funds"); // the bank debit failed: the intent is payable again

    assertThat(gateway.cancel(id)).isInstanceOf(PaymentStatus.Canceled.class);
    assertThat(status()).isEqualTo("canceled");
    assertThat(stub.cancelRequests(id)).extracting(StripeStub.Request::idempotencyKey).hasSize(3)
        .startsWith("credits-cancel-" + id, "credits-cancel-" + id)
        .last().asString().startsWith("credits-cancel-again-");
  }

  @Test
  @DisplayName("an intent Stripe refuses to cancel although it is open is Unknown, so nothing closes on it")
  void refusedWhileOpen() {
    stub.refuseCancels(2);

    PaymentStatus status = gateway.cancel(id);

    assertThat(status).isInstanceOf(PaymentStatus.Unknown.class);
    assertThat(status.reference()).isEqualTo(id);
    assertThat(status()).isEqualTo("requires_payment_method");
    assertThat(stub.cancelRequests(id)).hasSize(2);
  }

  @Test
  @DisplayName("a 500 is Unknown and cancels nothing; the retry cancels")
  void serverError() {
    stub.failNext(1);

    assertThat(gateway.cancel(id)).isInstanceOf(PaymentStatus.Unknown.class)
        .extracting(s -> ((PaymentStatus.Unknown) s).reason()).asString().contains("http 500");
    assertThat(status()).isEqualTo("requires_payment_method");
    assertThat(gateway.cancel(id)).isInstanceOf(PaymentStatus.Canceled.class);
  }

  @Test
  @DisplayName("a cancel that times out is Unknown, never Canceled")
  void timeout() {
    stub.stallNext(1, Duration.ofSeconds(5));

    PaymentStatus status = gateway.cancel(id);

    assertThat(status).isInstanceOf(PaymentStatus.Unknown.class);
    assertThat(((PaymentStatus.Unknown) status).reason()).contains("ApiConnectionException");
    assertThat(status.reference()).isEqualTo(id);
  }

  @Test
  @DisplayName("a Stripe that cannot be reached is Unknown")
  void unreachable() {
    String base = stub.baseUrl();
    stub.close();
    StripePaymentGateway offline = StripePaymentGateway.builder().secretKey(TestGateways.SECRET_KEY)
        .webhookSecret(TestGateways.WEBHOOK_SECRET).apiBase(base).networkRetries(0).build();

    PaymentStatus status = offline.cancel(id);

    assertThat(status).isInstanceOf(PaymentStatus.Unknown.class);
    assertThat(((PaymentStatus.Unknown) status).reason()).contains("ApiConnectionException");
  }

  @Test
  @DisplayName("an intent Stripe does not know is Unknown; a blank reference is refused before any call")
  void missingOrBlank() {
    assertThat(gateway.cancel("pi_nope")).isInstanceOf(PaymentStatus.Unknown.class)
        .extracting(s -> ((PaymentStatus.Unknown) s).reason()).asString().contains("http 404");

    int calls = stub.requests().size();
    assertThatThrownBy(() -> gateway.cancel(" ")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> gateway.cancel(null)).isInstanceOf(InvalidRequestException.class);
    assertThat(stub.requests()).hasSize(calls);
  }
}

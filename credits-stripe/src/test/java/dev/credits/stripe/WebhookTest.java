package dev.credits.stripe;

import static dev.credits.stripe.SignedEvents.CURRENT_API_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Stripe webhooks")
class WebhookTest {
  private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");
  private static final String SECRET = TestGateways.WEBHOOK_SECRET;

  private final StripePaymentGateway gateway = StripePaymentGateway.builder()
      .secretKey(TestGateways.SECRET_KEY)
      .webhookSecret(SECRET)
      .apiBase("http://127.0.0.1:9")
      .clock(Clock.fixed(NOW, ZoneOffset.UTC))
      .build();

  private static String succeeded(String eventId, String apiVersion) {
    return SignedEvents.event(eventId, "payment_intent.succeeded", apiVersion,
        SignedEvents.paymentIntent("pi_1", 1999, "usd", "ord_1"), NOW.minusSeconds(2));
  }

  private PaymentEvent deliver(String payload) {
    SignedEvents.Delivery d = SignedEvents.sign(payload, SECRET, NOW.minusSeconds(1));
    return gateway.parseWebhook(d.payload(), d.headers());
  }

  @Test
  @DisplayName("payment_intent.succeeded names the intent, the order from metadata, and amount_received")
  void succeededEvent() {
    PaymentEvent event = deliver(succeeded("evt_1", CURRENT_API_VERSION));

    assertThat(event).isEqualTo(new PaymentEvent("evt_1", PaymentEventType.PAYMENT_SUCCEEDED, "pi_1",
        OrderId.of("ord_1"), Money.parse("19.99", "USD"), NOW.minusSeconds(2)));
  }

  @ParameterizedTest(name = "api_version {0}")
  @ValueSource(strings = {"2024-06-20", "2025-03-31.basil", "2027-01-01.zinnia"})
  @DisplayName("an event sent with another API version is read from its raw JSON, to the same result")
  void otherApiVersion(String version) {
    PaymentEvent current = deliver(succeeded("evt_2", CURRENT_API_VERSION));

    PaymentEvent other = deliver(succeeded("evt_2", version));

    assertThat(other).isEqualTo(current);
  }

  @ParameterizedTest(name = "api_version {0}")
  @ValueSource(strings = {CURRENT_API_VERSION, "2030-01-01.future"})
  @DisplayName("an event whose object the SDK's model cannot hold is still read from its raw JSON")
  void incompatibleSchema(String version) {
    var intent = SignedEvents.paymentIntent("pi_9", 500, "jpy", "ord_9");
    intent.add("status", new com.google.gson.JsonObject()); // a field whose type changed
    String payload = SignedEvents.event("evt_9", "payment_intent.succeeded", version, intent, NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_9", PaymentEventType.PAYMENT_SUCCEEDED, "pi_9",
        OrderId.of("ord_9"), Money.parse("500", "JPY"), NOW));
  }

  @Test
  @DisplayName("payment_failed and canceled carry the order but no amount")
  void failedAndCanceled() {
    var intent = SignedEvents.paymentIntent("pi_3", 0, "usd", "ord_3");
    PaymentEvent failed = deliver(SignedEvents.event("evt_f", "payment_intent.payment_failed", CURRENT_API_VERSION,
        intent, NOW));
    PaymentEvent canceled = deliver(SignedEvents.event("evt_c", "payment_intent.canceled", CURRENT_API_VERSION,
        intent, NOW));

    assertThat(failed).isEqualTo(new PaymentEvent("evt_f", PaymentEventType.PAYMENT_FAILED, "pi_3",
        OrderId.of("ord_3"), null, NOW));
    assertThat(canceled.type()).isEqualTo(PaymentEventType.PAYMENT_CANCELED);
    assertThat(canceled.amount()).isNull();
  }

  @ParameterizedTest(name = "api_version {0}")
  @ValueSource(strings = {CURRENT_API_VERSION, "2024-06-20"})
  @DisplayName("charge.refunded is OTHER: refunds are read one by one from refund events, never from the charge's cumulative total")
  void chargeRefundedIsOther(String version) {
    String payload = SignedEvents.event("evt_r", "charge.refunded", version,
        SignedEvents.charge("ch_1", "pi_1", 1999, 1500, "usd"), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_r", PaymentEventType.OTHER, null, null, null, NOW));
  }

  @ParameterizedTest(name = "api_version {0}")
  @ValueSource(strings = {CURRENT_API_VERSION, "2024-06-20"})
  @DisplayName("charge.dispute.created names the disputed payment intent, the amount and the dispute's id")
  void dispute(String version) {
    String payload = SignedEvents.event("evt_d", "charge.dispute.created", version,
        SignedEvents.dispute("dp_1", "ch_1", "pi_1", 1999, "usd"), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_d", PaymentEventType.DISPUTE_CREATED, "pi_1", null,
        Money.parse("19.99", "USD"), NOW, "dp_1", null));
  }

  @ParameterizedTest(name = "closed {0} is {1}")
  @CsvSource({"won, DISPUTE_WON", "warning_closed, DISPUTE_WON", "prevented, DISPUTE_WON", "lost, DISPUTE_LOST"})
  @DisplayName("charge.dispute.closed is won or lost by the dispute's status, with its amount and id")
  void disputeClosed(String status, PaymentEventType expected) {
    String payload = SignedEvents.event("evt_dc", "charge.dispute.closed", CURRENT_API_VERSION,
        SignedEvents.dispute("dp_2", "ch_2", "pi_2", 1500, "eur", status), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_dc", expected, "pi_2", null,
        Money.parse("15.00", "EUR"), NOW, "dp_2", null));
  }

  @Test
  @DisplayName("charge.dispute.closed in a status that is not a close (under_review) is OTHER")
  void disputeClosedInOpenStatus() {
    String payload = SignedEvents.event("evt_du", "charge.dispute.closed", CURRENT_API_VERSION,
        SignedEvents.dispute("dp_3", "ch_3", "pi_3", 1500, "usd", "under_review"), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_du", PaymentEventType.OTHER, null, null, null, NOW));
  }

  @ParameterizedTest(name = "{0} with status {1} is {2}")
  @CsvSource({
      "refund.created, succeeded, REFUNDED",
      "refund.created, pending, REFUNDED",
      "refund.created, failed, REFUND_FAILED",
      "refund.created, canceled, REFUND_FAILED",
      "refund.updated, succeeded, REFUNDED",
      "refund.updated, pending, REFUNDED",
      "refund.updated, failed, REFUND_FAILED",
      "refund.updated, canceled, REFUND_FAILED",
      "charge.refund.updated, succeeded, REFUNDED",
      "charge.refund.updated, pending, REFUNDED",
      "charge.refund.updated, failed, REFUND_FAILED",
      "charge.refund.updated, canceled, REFUND_FAILED",
      "refund.failed, failed, REFUND_FAILED"})
  @DisplayName("a refund event reports that one refund: its payment intent, its own amount and its id")
  void refundEvents(String type, String status, PaymentEventType expected) {
    String payload = SignedEvents.event("evt_re", type, CURRENT_API_VERSION,
        SignedEvents.refund("re_1", "pi_1", 500, "usd", status), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_re", expected, "pi_1", null,
        Money.parse("5.00", "USD"), NOW, "re_1", null));
  }

  @Test
  @DisplayName("a refund is read in Stripe's unit of its currency, and an expanded payment_intent names the intent")
  void refundAmountAndExpandedIntent() {
    var refund = SignedEvents.refund("re_2", "pi_2", 1230, "kwd", "succeeded");
    var intent = SignedEvents.paymentIntent("pi_2", 5000, "kwd", "ord_2");
    refund.add("payment_intent", intent);
    String payload = SignedEvents.event("evt_kw", "refund.created", CURRENT_API_VERSION, refund, NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_kw", PaymentEventType.REFUNDED, "pi_2", null,
        Money.parse("1.230", "KWD"), NOW, "re_2", null));
  }

  @Test
  @DisplayName("a refund still requiring action has moved no money yet: OTHER")
  void refundRequiringAction() {
    String payload = SignedEvents.event("evt_ra", "refund.updated", CURRENT_API_VERSION,
        SignedEvents.refund("re_3", "pi_3", 500, "usd", "requires_action"), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_ra", PaymentEventType.OTHER, null, null, null, NOW));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"refund.created", "refund.updated", "refund.failed", "charge.refund.updated"})
  @DisplayName("a refund event whose object is not a refund is OTHER")
  void refundEventWithoutRefund(String type) {
    String payload = SignedEvents.event("evt_nr", type, CURRENT_API_VERSION,
        SignedEvents.charge("ch_1", "pi_1", 1999, 1999, "usd"), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_nr", PaymentEventType.OTHER, null, null, null, NOW));
  }

  @Test
  @DisplayName("payment_failed carries Stripe's decline code from last_payment_error as detail, and no amount")
  void failedWithDeclineCode() {
    String payload = SignedEvents.event("evt_fd", "payment_intent.payment_failed", CURRENT_API_VERSION,
        SignedEvents.failedIntent("pi_4", 1999, "usd", "ord_4", "card_declined", "insufficient_funds"), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_fd", PaymentEventType.PAYMENT_FAILED, "pi_4",
        OrderId.of("ord_4"), null, NOW, null, "payment failed: insufficient_funds"));
  }

  @Test
  @DisplayName("payment_failed without a decline code (not a bank decline) carries the error's code")
  void failedWithErrorCode() {
    String payload = SignedEvents.event("evt_fc", "payment_intent.payment_failed", CURRENT_API_VERSION,
        SignedEvents.failedIntent("pi_5", 1999, "usd", "ord_5", "expired_card", null), NOW);

    assertThat(deliver(payload).detail()).isEqualTo("payment failed: expired_card");
  }

  @Test
  @DisplayName("payment_intent.processing is PAYMENT_PROCESSING for the order, with no amount (none received yet)")
  void processing() {
    String payload = SignedEvents.event("evt_p", "payment_intent.processing", CURRENT_API_VERSION,
        SignedEvents.paymentIntent("pi_6", 1999, "usd", "processing", "ord_6"), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_p", PaymentEventType.PAYMENT_PROCESSING, "pi_6",
        OrderId.of("ord_6"), null, NOW));
  }

  @Test
  @DisplayName("any other event type is OTHER, with nothing read from its object")
  void other() {
    String payload = SignedEvents.event("evt_o", "customer.created", CURRENT_API_VERSION,
        SignedEvents.paymentIntent("pi_1", 1, "usd", "ord_1"), NOW);

    assertThat(deliver(payload)).isEqualTo(new PaymentEvent("evt_o", PaymentEventType.OTHER, null, null, null, NOW));
  }

  @Test
  @DisplayName("the signature header is found whatever its case")
  void headerCase() {
    String payload = succeeded("evt_h", CURRENT_API_VERSION);
    String header = SignedEvents.header(payload, SECRET, NOW);

    assertThat(gateway.parseWebhook(payload, Map.of("stripe-signature", header)).eventId()).isEqualTo("evt_h");
    assertThat(gateway.parseWebhook(payload, Map.of("STRIPE-SIGNATURE", header)).eventId()).isEqualTo("evt_h");
  }

  @Test
  @DisplayName("a payload changed after signing is rejected")
  void forged() {
    String payload = succeeded("evt_x", CURRENT_API_VERSION);
    String header = SignedEvents.header(payload, SECRET, NOW);
    String forged = payload.replace("1999", "999999");

    assertThatThrownBy(() -> gateway.parseWebhook(forged, Map.of("Stripe-Signature", header)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("signature");
  }

  @Test
  @DisplayName("a payload signed with another secret is rejected, and the message names neither secret")
  void wrongSecret() {
    String payload = succeeded("evt_w", CURRENT_API_VERSION);
    SignedEvents.Delivery d = SignedEvents.sign(payload, "whsec_someoneElse", NOW);

    assertThatThrownBy(() -> gateway.parseWebhook(d.payload(), d.headers()))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("whsec_someoneElse"));
  }

  @Test
  @DisplayName("a signature 10 minutes old is rejected; one just inside the 5-minute tolerance is accepted")
  void tolerance() {
    String payload = succeeded("evt_t", CURRENT_API_VERSION);
    SignedEvents.Delivery old = SignedEvents.sign(payload, SECRET, NOW.minus(Duration.ofMinutes(10)));
    SignedEvents.Delivery recent = SignedEvents.sign(payload, SECRET, NOW.minus(Duration.ofSeconds(299)));

    assertThatThrownBy(() -> gateway.parseWebhook(old.payload(), old.headers()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("tolerance");
    assertThat(gateway.parseWebhook(recent.payload(), recent.headers()).eventId()).isEqualTo("evt_t");
  }

  @Test
  @DisplayName("a longer configured tolerance accepts the 10-minute-old signature")
  void configuredTolerance() {
    StripePaymentGateway lenient = StripePaymentGateway.builder().secretKey(TestGateways.SECRET_KEY)
        .webhookSecret(SECRET).webhookTolerance(Duration.ofMinutes(15)).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
    SignedEvents.Delivery old = SignedEvents.sign(succeeded("evt_l", CURRENT_API_VERSION), SECRET,
        NOW.minus(Duration.ofMinutes(10)));

    assertThat(lenient.parseWebhook(old.payload(), old.headers()).eventId()).isEqualTo("evt_l");
  }

  @Test
  @DisplayName("a missing or malformed signature header, or a signed body that is not an event, is rejected")
  void malformed() {
    String payload = succeeded("evt_m", CURRENT_API_VERSION);

    assertThatThrownBy(() -> gateway.parseWebhook(payload, Map.of())).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> gateway.parseWebhook(payload, Map.of("Stripe-Signature", "t=abc,v1=00")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> gateway.parseWebhook(payload, Map.of("Stripe-Signature", "garbage")))
        .isInstanceOf(InvalidRequestException.class);
    SignedEvents.Delivery notJson = SignedEvents.sign("not json", SECRET, NOW);
    assertThatThrownBy(() -> gateway.parseWebhook(notJson.payload(), notJson.headers()))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> gateway.parseWebhook(null, Map.of())).isInstanceOf(InvalidRequestException.class);
  }
}

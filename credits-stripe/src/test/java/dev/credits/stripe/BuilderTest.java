package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuring the Stripe gateway")
class BuilderTest {
  private static final String KEY = TestGateways.SECRET_KEY;
  private static final String HOOK = TestGateways.WEBHOOK_SECRET;

  @Test
  @DisplayName("toString shows the settings but neither secret")
  void toStringHidesSecrets() {
    StripePaymentGatewayBuilder builder = StripePaymentGateway.builder().secretKey(KEY).webhookSecret(HOOK);
    StripePaymentGateway gateway = builder.build();

    assertThat(gateway.toString()).contains("https://api.stripe.com").contains("PT5M")
        .doesNotContain(KEY).doesNotContain(HOOK);
    assertThat(builder.toString()).doesNotContain(KEY).doesNotContain(HOOK);
    assertThat(gateway.name()).isEqualTo("stripe");
  }

  @Test
  @DisplayName("reads STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_API_BASE from an environment")
  void environment() {
    Map<String, String> env = Map.of("STRIPE_SECRET_KEY", KEY, "STRIPE_WEBHOOK_SECRET", HOOK,
        "STRIPE_API_BASE", "http://127.0.0.1:12111/");

    StripePaymentGateway gateway = StripePaymentGateway.builder().environment(env::get).build();

    assertThat(gateway.toString()).contains("apiBase=http://127.0.0.1:12111,");
  }

  @Test
  @DisplayName("a missing secret names the variable to set, never a value")
  void missingSecrets() {
    assertThatThrownBy(() -> StripePaymentGateway.builder().environment(Map.of("STRIPE_WEBHOOK_SECRET", HOOK)::get)
        .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("STRIPE_SECRET_KEY")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(HOOK));
    assertThatThrownBy(() -> StripePaymentGateway.builder().secretKey(KEY).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("STRIPE_WEBHOOK_SECRET")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
  }

  @Test
  @DisplayName("a publishable key, a blank secret or a key with whitespace is refused without echoing it")
  void badKeys() {
    assertThatThrownBy(() -> StripePaymentGateway.builder().secretKey("pk_test_123"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pk_test_123");
    assertThatThrownBy(() -> StripePaymentGateway.builder().secretKey("sk_test 123"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("sk_test 123");
    assertThatThrownBy(() -> StripePaymentGateway.builder().webhookSecret(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("each setting may be given once")
  void once() {
    StripePaymentGatewayBuilder builder = StripePaymentGateway.builder().secretKey(KEY);

    assertThatThrownBy(() -> builder.secretKey(KEY)).isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(KEY);
    assertThatThrownBy(() -> builder.environment(Map.of("STRIPE_SECRET_KEY", KEY)::get))
        .isInstanceOf(IllegalStateException.class);
    builder.networkRetries(0);
    assertThatThrownBy(() -> builder.networkRetries(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("out-of-range durations, negative retries and non-http addresses are refused")
  void ranges() {
    StripePaymentGatewayBuilder builder = StripePaymentGateway.builder();

    assertThatThrownBy(() -> builder.webhookTolerance(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.readTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.networkRetries(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.apiBase("ftp://example")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.apiBase("not an address")).isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.credits.stripe;

import com.stripe.StripeClient;
import dev.credits.stripe.internal.StripeWebhooks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a {@link StripePaymentGateway}. Each setting may be given once (a second call is a mistake
 * and throws). Not thread-safe. Secrets given here are never logged nor shown by
 * {@link #toString()}.
 */
public final class StripePaymentGatewayBuilder {
  /** Environment variable holding the secret API key. */
  public static final String SECRET_KEY_VARIABLE = "STRIPE_SECRET_KEY";
  /** Environment variable holding the webhook endpoint's signing secret. */
  public static final String WEBHOOK_SECRET_VARIABLE = "STRIPE_WEBHOOK_SECRET";
  /** Environment variable overriding the API address (a local stub, a proxy). */
  public static final String API_BASE_VARIABLE = "STRIPE_API_BASE";

  /** Stripe's own address. */
  static final String LIVE_API_BASE = "https://api.stripe.com";
  /** Stripe's default signature tolerance. */
  static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(80);
  static final int DEFAULT_NETWORK_RETRIES = 2;

  private String secretKey;
  private String webhookSecret;
  private String apiBase;
  private Duration webhookTolerance;
  private Duration connectTimeout;
  private Duration readTimeout;
  private Integer networkRetries;
  private StripeCustomers customers;
  private Clock clock;

  StripePaymentGatewayBuilder() {}

  private static <T> T once(T current, T value, String what) {
    if (current != null) {
      throw new IllegalStateException(what + " was already set");
    }
    return Objects.requireNonNull(value, what + " == null");
  }

  /**
   * Sets the secret API key ({@code sk_live_...}, {@code sk_test_...} or a restricted {@code rk_...}).
   *
   * @param secretKey the key
   * @return this builder
   * @throws IllegalArgumentException when blank, containing whitespace, or a publishable key
   */
  public StripePaymentGatewayBuilder secretKey(String secretKey) {
    String key = once(this.secretKey, secretKey, "secretKey");
    if (key.isBlank() || !key.equals(key.strip()) || key.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("secretKey is blank or contains whitespace");
    }
    if (key.startsWith("pk_")) {
      throw new IllegalArgumentException("secretKey is a publishable key (pk_...); use the secret key");
    }
    this.secretKey = key;
    return this;
  }

  /**
   * Sets the webhook endpoint's signing secret ({@code whsec_...}).
   *
   * @param webhookSecret the secret
   * @return this builder
   * @throws IllegalArgumentException when blank
   */
  public StripePaymentGatewayBuilder webhookSecret(String webhookSecret) {
    String secret = once(this.webhookSecret, webhookSecret, "webhookSecret");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("webhookSecret is blank");
    }
    this.webhookSecret = secret;
    return this;
  }

  /**
   * Sends API calls to another address than {@code https://api.stripe.com}, e.g. a local stub.
   *
   * @param apiBase an absolute http or https address, without a path
   * @return this builder
   * @throws IllegalArgumentException when not an absolute http(s) address
   */
  public StripePaymentGatewayBuilder apiBase(String apiBase) {
    String base = once(this.apiBase, apiBase, "apiBase").strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    try {
      URI uri = new URI(base);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("apiBase must be an absolute http(s) address, was " + base);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("apiBase is not an address: " + base, e);
    }
    this.apiBase = base;
    return this;
  }

  /**
   * Sets how old a webhook signature may be (default 5 minutes, Stripe's default).
   *
   * @param tolerance at least one second
   * @return this builder
   * @throws IllegalArgumentException when under one second
   */
  public StripePaymentGatewayBuilder webhookTolerance(Duration tolerance) {
    this.webhookTolerance = atLeast(once(this.webhookTolerance, tolerance, "webhookTolerance"),
        Duration.ofSeconds(1), "webhookTolerance");
    return this;
  }

  /**
   * Sets the connect timeout of API calls (default 30 seconds, stripe-java's default).
   *
   * @param timeout at least one millisecond
   * @return this builder
   * @throws IllegalArgumentException when under one millisecond or over {@code Integer.MAX_VALUE} ms
   */
  public StripePaymentGatewayBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = millis(once(this.connectTimeout, timeout, "connectTimeout"), "connectTimeout");
    return this;
  }

  /**
   * Sets the read timeout of API calls (default 80 seconds, stripe-java's default). A call that
   * times out is an unknown outcome: {@code inspect} reports Unknown, the others throw.
   *
   * @param timeout at least one millisecond
   * @return this builder
   * @throws IllegalArgumentException when under one millisecond or over {@code Integer.MAX_VALUE} ms
   */
  public StripePaymentGatewayBuilder readTimeout(Duration timeout) {
    this.readTimeout = millis(once(this.readTimeout, timeout, "readTimeout"), "readTimeout");
    return this;
  }

  /**
   * Sets how many times stripe-java retries a call that failed on the network, timed out, or got a
   * 409 or 5xx (default 2). Retries reuse the call's idempotency key, so they never double a payment.
   *
   * @param retries 0 or more
   * @return this builder
   * @throws IllegalArgumentException when negative
   */
  public StripePaymentGatewayBuilder networkRetries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("networkRetries must not be negative, was " + retries);
    }
    this.networkRetries = once(this.networkRetries, retries, "networkRetries");
    return this;
  }

  /**
   * Sets which Stripe Customer stands for each user (default: none). Payments of a mapped user are
   * attached to the customer, and {@code customerBalance} reads that customer's balance.
   *
   * @param customers the mapping
   * @return this builder
   */
  public StripePaymentGatewayBuilder customers(StripeCustomers customers) {
    this.customers = once(this.customers, customers, "customers");
    return this;
  }

  /**
   * Sets the clock webhook timestamps are checked against (default {@link Clock#systemUTC()}).
   *
   * @param clock the clock
   * @return this builder
   */
  public StripePaymentGatewayBuilder clock(Clock clock) {
    this.clock = once(this.clock, clock, "clock");
    return this;
  }

  /**
   * Reads the settings present in an environment: {@value #SECRET_KEY_VARIABLE},
   * {@value #WEBHOOK_SECRET_VARIABLE} and {@value #API_BASE_VARIABLE}. Variables that are not set
   * (or blank) are skipped, and may be given with the other methods.
   *
   * @param variables looks a variable up by name, e.g. {@code System::getenv}; null when unset
   * @return this builder
   * @throws IllegalStateException when a variable's setting was already given
   * @throws IllegalArgumentException when a variable's value is not valid
   */
  public StripePaymentGatewayBuilder environment(Function<String, String> variables) {
    Objects.requireNonNull(variables, "variables == null");
    String key = variables.apply(SECRET_KEY_VARIABLE);
    if (key != null && !key.isBlank()) {
      secretKey(key.strip());
    }
    String secret = variables.apply(WEBHOOK_SECRET_VARIABLE);
    if (secret != null && !secret.isBlank()) {
      webhookSecret(secret.strip());
    }
    String base = variables.apply(API_BASE_VARIABLE);
    if (base != null && !base.isBlank()) {
      apiBase(base);
    }
    return this;
  }

  /**
   * Builds the gateway.
   *
   * @return the gateway
   * @throws IllegalStateException when the secret key or the webhook secret is missing
   */
  public StripePaymentGateway build() {
    if (secretKey == null) {
      throw new IllegalStateException("the Stripe secret key is missing: call secretKey(...) or set "
          + SECRET_KEY_VARIABLE);
    }
    if (webhookSecret == null) {
      throw new IllegalStateException("the Stripe webhook secret is missing: call webhookSecret(...) or set "
          + WEBHOOK_SECRET_VARIABLE);
    }
    String base = apiBase != null ? apiBase : LIVE_API_BASE;
    Duration tolerance = webhookTolerance != null ? webhookTolerance : DEFAULT_TOLERANCE;
    Duration connect = connectTimeout != null ? connectTimeout : DEFAULT_CONNECT_TIMEOUT;
    Duration read = readTimeout != null ? readTimeout : DEFAULT_READ_TIMEOUT;
    int retries = networkRetries != null ? networkRetries : DEFAULT_NETWORK_RETRIES;
    StripeClient client = StripeClient.builder()
        .setApiKey(secretKey)
        .setApiBase(base)
        .setConnectTimeout((int) connect.toMillis())
        .setReadTimeout((int) read.toMillis())
        .setMaxNetworkRetries(retries)
        .build();
    StripeWebhooks webhooks = new StripeWebhooks(webhookSecret, tolerance, clock != null ? clock : Clock.systemUTC());
    String description = "apiBase=" + base + ", webhookTolerance=" + tolerance + ", connectTimeout=" + connect
        + ", readTimeout=" + read + ", networkRetries=" + retries;
    return new StripePaymentGateway(client, webhooks, customers != null ? customers : StripeCustomers.NONE,
        description);
  }

  private static Duration atLeast(Duration value, Duration min, String what) {
    if (value.compareTo(min) < 0) {
      throw new IllegalArgumentException(what + " must be at least " + min + ", was " + value);
    }
    return value;
  }

  private static Duration millis(Duration value, String what) {
    atLeast(value, Duration.ofMillis(1), what);
    if (value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " is too long: " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "StripePaymentGatewayBuilder[secretKey=" + (secretKey == null ? "unset" : "set") + ", webhookSecret="
        + (webhookSecret == null ? "unset" : "set") + ", apiBase=" + apiBase + "]";
  }
}

package dev.credits.stripe;

import java.time.Duration;

/** Gateways pointed at a {@link StripeStub}. */
final class TestGateways {
  static final String SECRET_KEY = "sk_test_51SecretKeyForTestsOnly";
  static final String WEBHOOK_SECRET = "whsec_testSigningSecret";

  private TestGateways() {}

  /** A builder with both secrets, the stub's address, no SDK retries and 2-second timeouts. */
  static StripePaymentGatewayBuilder against(StripeStub stub) {
    return against(stub, 0, Duration.ofSeconds(2));
  }

  static StripePaymentGatewayBuilder against(StripeStub stub, int retries, Duration readTimeout) {
    return StripePaymentGateway.builder()
        .secretKey(SECRET_KEY)
        .webhookSecret(WEBHOOK_SECRET)
        .apiBase(stub.baseUrl())
        .networkRetries(retries)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(readTimeout);
  }
}

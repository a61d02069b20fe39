package dev.credits.core.spi;

import dev.credits.core.model.Money;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.RefundResult;
import dev.credits.core.model.UserId;
import java.util.Map;
import java.util.Optional;

/**
 * A payment processor (Stripe, a fake in tests). Thread-safe. Amounts are always in the
 * currency's minor units and always come from the order, never from the client.
 */
public interface PaymentGateway {
  /**
   * A short stable name stored with payments, e.g. {@code stripe}.
   *
   * @return the name
   */
  String name();

  /**
   * Starts a payment. Idempotent by {@link PaymentRequest#idempotencyKey()}: a retry returns the
   * same payment, never a second one.
   *
   * @param request what to collect
   * @return the started payment
   * @throws dev.credits.core.PaymentGatewayException when the processor fails or cannot be reached
   */
  PaymentIntent createIntent(PaymentRequest request);

  /**
   * Asks the processor where a payment stands. A timeout or server error is
   * {@link PaymentStatus.Unknown}, never a decline.
   *
   * @param reference the processor's payment id
   * @return the status
   */
  PaymentStatus inspect(String reference);

  /**
   * Verifies (signature, timestamp tolerance) and parses a notification.
   *
   * @param payload the raw request body, unmodified
   * @param headers request headers (names case-insensitive for the gateway)
   * @return the event
   * @throws dev.credits.core.InvalidRequestException when the signature or timestamp is not valid
   */
  PaymentEvent parseWebhook(String payload, Map<String, String> headers);

  /**
   * Refunds money. Idempotent by key.
   *
   * @param reference the processor's payment id
   * @param amount how much
   * @param idempotencyKey the refund's key
   * @return the refund
   * @throws dev.credits.core.PaymentGatewayException when the processor fails or cannot be reached
   */
  RefundResult refund(String reference, Money amount, String idempotencyKey);

  /**
   * The user's balance held at the processor (e.g. a Stripe customer balance), when supported.
   *
   * @param userId the user
   * @return the balance, or empty when the processor has none for this user
   */
  default Optional<Money> customerBalance(UserId userId) {
    return Optional.empty();
  }
}

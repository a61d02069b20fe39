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
   * Closes a payment at the processor so that it can no longer be paid (Stripe: cancel the
   * PaymentIntent). Idempotent: cancelling a cancelled payment answers {@link PaymentStatus.Canceled}
   * again. When the payment can no longer be cancelled the answer says why: {@link
   * PaymentStatus.Succeeded} (the money is collected: the library completes the order instead of
   * closing it) or {@link PaymentStatus.Pending} with detail {@code processing} (the outcome is on its
   * way: the order waits). A timeout or server error is {@link PaymentStatus.Unknown}: nothing is
   * closed and the caller tries again later. Never throws for a processor failure.
   *
   * @param reference the processor's payment id
   * @return where the payment stands after the attempt
   */
  PaymentStatus cancel(String reference);

  /**
   * The payment {@code reference} again, for a client to complete, when it is still open at the
   * processor (not cancelled, not succeeded); empty when it is closed there, so that a new payment
   * must be started. The library calls it when {@code startPayment} is retried on an order that has a
   * payment already, however long ago that payment was created.
   *
   * @param reference the processor's payment id
   * @param request what the payment was started for (the amount must match)
   * @return the open payment, or empty when closed at the processor
   * @throws dev.credits.core.PaymentGatewayException when the processor fails or cannot be reached
   */
  Optional<PaymentIntent> reopen(String reference, PaymentRequest request);

  /**
   * Refuses an amount this processor cannot collect, before any order is written: for example
   * three-decimal currencies whose last digit is not 0, or an amount below the processor's minimum.
   * The default accepts every amount.
   *
   * @param amount what an order would cost; never zero (free orders need no gateway)
   * @throws dev.credits.core.InvalidRequestException naming the rule the amount breaks
   */
  default void checkAmount(Money amount) {}

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

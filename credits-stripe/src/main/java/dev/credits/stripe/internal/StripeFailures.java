package dev.credits.stripe.internal;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import dev.credits.core.PaymentGatewayException;

/**
 * Describes Stripe failures without secrets: the exception's type, HTTP status, Stripe error code
 * and request id, never the API key nor Stripe's free-text message.
 */
public final class StripeFailures {
  private StripeFailures() {}

  /**
   * A one-line description safe to log and to put in an exception message.
   *
   * @param e the failure
   * @return e.g. {@code ApiException, http 500, request req_123}
   */
  public static String describe(StripeException e) {
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
    if (e.getStatusCode() != null && e.getStatusCode() > 0) {
      text.append(", http ").append(e.getStatusCode());
    }
    if (e.getCode() != null) {
      text.append(", code ").append(e.getCode());
    }
    if (e.getRequestId() != null) {
      text.append(", request ").append(e.getRequestId());
    }
    if (e instanceof ApiConnectionException && e.getCause() != null) {
      text.append(", ").append(e.getCause().getClass().getSimpleName());
    }
    return text.toString();
  }

  /**
   * Whether the outcome of the call is unknown rather than refused: the network failed, the call
   * timed out, or Stripe answered with a server error or a rate limit.
   *
   * @param e the failure
   * @return true when retrying the same call may succeed
   */
  public static boolean isTransient(StripeException e) {
    Integer status = e.getStatusCode();
    return e instanceof ApiConnectionException || status == null || status < 100 || status >= 500 || status == 429
        || status == 409;
  }

  /**
   * The library's exception for a failed call, with the Stripe exception as its cause (Stripe masks
   * API keys in its own messages; this message names none).
   *
   * @param operation what was attempted, e.g. {@code create payment intent}
   * @param e the failure
   * @return the exception to throw
   */
  public static PaymentGatewayException gatewayFailure(String operation, StripeException e) {
    String kind = isTransient(e) ? "; the outcome is unknown, retry with the same idempotency key" : "";
    return new PaymentGatewayException("stripe: " + operation + " failed (" + describe(e) + ")" + kind, e);
  }
}

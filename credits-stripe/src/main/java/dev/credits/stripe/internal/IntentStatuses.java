package dev.credits.stripe.internal;

import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;
import dev.credits.core.model.Money;
import dev.credits.core.model.PaymentStatus;
import java.util.Optional;

/**
 * Maps a Stripe PaymentIntent to a {@link PaymentStatus}, status by status, with nothing left to a
 * default branch that could turn an unrecognised state into a decline.
 *
 * <table>
 *   <caption>Stripe status to library status</caption>
 *   <tr><th>Stripe</th><th>library</th></tr>
 *   <tr><td>succeeded</td><td>Succeeded(amount_received, currency)</td></tr>
 *   <tr><td>processing, requires_action, requires_confirmation, requires_capture</td><td>Pending</td></tr>
 *   <tr><td>requires_payment_method, no last_payment_error (not tried yet)</td><td>Pending</td></tr>
 *   <tr><td>requires_payment_method with last_payment_error (an attempt failed)</td><td>Declined</td></tr>
 *   <tr><td>canceled</td><td>Canceled</td></tr>
 *   <tr><td>anything else, or a succeeded intent whose amount cannot be read</td><td>Unknown</td></tr>
 * </table>
 */
public final class IntentStatuses {
  private IntentStatuses() {}

  /**
   * The status of a retrieved intent.
   *
   * @param intent the intent as Stripe returned it
   * @return the status; never Declined unless Stripe reports a failed attempt
   */
  public static PaymentStatus of(PaymentIntent intent) {
    String id = intent.getId();
    String status = intent.getStatus() == null ? "" : intent.getStatus();
    switch (status) {
      case "succeeded":
        Optional<Money> received = StripeAmounts.fromStripe(intent.getAmountReceived(), intent.getCurrency());
        return received.<PaymentStatus>map(m -> new PaymentStatus.Succeeded(id, m))
            .orElseGet(() -> new PaymentStatus.Unknown(id, "succeeded, but amount_received "
                + intent.getAmountReceived() + " " + intent.getCurrency() + " cannot be read"));
      case "processing":
      case "requires_action":
      case "requires_confirmation":
      case "requires_capture":
        return new PaymentStatus.Pending(id, status);
      case "requires_payment_method":
        StripeError error = intent.getLastPaymentError();
        return error == null ? new PaymentStatus.Pending(id, status) : new PaymentStatus.Declined(id, reason(error));
      case "canceled":
        String why = intent.getCancellationReason();
        return new PaymentStatus.Canceled(id, why == null ? "canceled" : "canceled: " + why);
      default:
        return new PaymentStatus.Unknown(id, "unrecognised PaymentIntent status '" + status + "'");
    }
  }

  /**
   * The status when the intent could not be retrieved: always {@link PaymentStatus.Unknown}, so a
   * timeout, a network failure or a server error never reads as a decline.
   *
   * @param reference the intent id
   * @param e the failure
   * @return an unknown status naming the failure
   */
  public static PaymentStatus unknown(String reference, StripeException e) {
    return new PaymentStatus.Unknown(reference, "stripe: " + StripeFailures.describe(e));
  }

  private static String reason(StripeError error) {
    String code = error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
    return code == null ? "payment failed" : "payment failed: " + code;
  }
}

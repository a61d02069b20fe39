package dev.credits.stripe;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds webhook deliveries the way Stripe does: an event JSON and a {@code Stripe-Signature}
 * header {@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.payload">}, computed here with the JDK so the
 * tests do not trust the SDK to check its own signing.
 */
final class SignedEvents {
  static final String CURRENT_API_VERSION = "2026-07-29.dahlia";

  private SignedEvents() {}

  /** A delivery. */
  record Delivery(String payload, Map<String, String> headers) {}

  static String event(String id, String type, String apiVersion, JsonObject object, Instant created) {
    JsonObject data = new JsonObject();
    data.add("object", object);
    JsonObject event = new JsonObject();
    event.addProperty("id", id);
    event.addProperty("object", "event");
    event.addProperty("api_version", apiVersion);
    event.addProperty("created", created.getEpochSecond());
    event.addProperty("livemode", false);
    event.addProperty("pending_webhooks", 1);
    event.addProperty("type", type);
    event.add("data", data);
    return event.toString();
  }

  static Delivery sign(String payload, String secret, Instant signedAt) {
    return new Delivery(payload, Map.of("Stripe-Signature", header(payload, secret, signedAt)));
  }

  static String header(String payload, String secret, Instant signedAt) {
    long t = signedAt.getEpochSecond();
    return "t=" + t + ",v1=" + hmac(t + "." + payload, secret);
  }

  static String hmac(String message, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject paymentIntent(String id, long amountReceived, String currency, String orderId) {
    JsonObject intent = new JsonObject();
    intent.addProperty("id", id);
    intent.addProperty("object", "payment_intent");
    intent.addProperty("amount", amountReceived);
    intent.addProperty("amount_received", amountReceived);
    intent.addProperty("currency", currency);
    intent.addProperty("status", "succeeded");
    intent.add("metadata", metadata(orderId));
    return intent;
  }

  /** A PaymentIntent in any status, nothing received yet (payment_intent.processing, .canceled). */
  static JsonObject paymentIntent(String id, long amount, String currency, String status, String orderId) {
    JsonObject intent = paymentIntent(id, amount, currency, orderId);
    intent.addProperty("amount_received", 0);
    intent.addProperty("status", status);
    return intent;
  }

  /**
   * A PaymentIntent whose last attempt failed (payment_intent.payment_failed): back in
   * requires_payment_method, with Stripe's last_payment_error ({@code declineCode} may be null, as
   * for errors that are not bank declines).
   */
  static JsonObject failedIntent(String id, long amount, String currency, String orderId, String code,
      String declineCode) {
    JsonObject error = new JsonObject();
    error.addProperty("type", "card_error");
    error.addProperty("charge", "ch_" + id.substring(3));
    error.addProperty("code", code);
    if (declineCode != null) {
      error.addProperty("decline_code", declineCode);
    }
    error.addProperty("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
    error.addProperty("message", "Your card was declined.");
    JsonObject intent = paymentIntent(id, amount, currency, "requires_payment_method", orderId);
    intent.add("last_payment_error", error);
    return intent;
  }

  /** A Refund object, as refund.* and charge.refund.updated events carry it. */
  static JsonObject refund(String id, String paymentIntent, long amount, String currency, String status) {
    JsonObject refund = new JsonObject();
    refund.addProperty("id", id);
    refund.addProperty("object", "refund");
    refund.addProperty("amount", amount);
    refund.addProperty("balance_transaction", "txn_" + id.substring(3));
    refund.addProperty("charge", "ch_" + paymentIntent.substring(3));
    refund.addProperty("created", 1_769_853_600L);
    refund.addProperty("currency", currency);
    refund.add("metadata", new JsonObject());
    refund.addProperty("payment_intent", paymentIntent);
    refund.addProperty("reason", "requested_by_customer");
    refund.addProperty("status", status);
    if ("failed".equals(status)) {
      refund.addProperty("failure_reason", "expired_or_canceled_card");
      refund.addProperty("failure_balance_transaction", "txn_fail_" + id.substring(3));
    }
    return refund;
  }

  static JsonObject charge(String id, String paymentIntent, long amount, long amountRefunded, String currency) {
    JsonObject charge = new JsonObject();
    charge.addProperty("id", id);
    charge.addProperty("object", "charge");
    charge.addProperty("amount", amount);
    charge.addProperty("amount_refunded", amountRefunded);
    charge.addProperty("refunded", amountRefunded == amount);
    charge.addProperty("currency", currency);
    charge.addProperty("payment_intent", paymentIntent);
    charge.add("metadata", new JsonObject());
    return charge;
  }

  static JsonObject dispute(String id, String charge, String paymentIntent, long amount, String currency) {
    return dispute(id, charge, paymentIntent, amount, currency, "needs_response");
  }

  /** A Dispute in a given status, e.g. {@code won} or {@code lost} for charge.dispute.closed. */
  static JsonObject dispute(String id, String charge, String paymentIntent, long amount, String currency,
      String status) {
    JsonObject dispute = new JsonObject();
    dispute.addProperty("id", id);
    dispute.addProperty("object", "dispute");
    dispute.addProperty("amount", amount);
    dispute.addProperty("currency", currency);
    dispute.addProperty("charge", charge);
    dispute.addProperty("payment_intent", paymentIntent);
    dispute.addProperty("reason", "fraudulent");
    dispute.addProperty("status", status);
    dispute.addProperty("is_charge_refundable", false);
    dispute.add("metadata", new JsonObject());
    return dispute;
  }

  private static JsonObject metadata(String orderId) {
    JsonObject metadata = new JsonObject();
    if (orderId != null) {
      metadata.addProperty("order_id", orderId);
      metadata.addProperty("user_id", "u1");
    }
    return metadata;
  }
}

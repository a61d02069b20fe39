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
    JsonObject dispute = new JsonObject();
    dispute.addProperty("id", id);
    dispute.addProperty("object", "dispute");
    dispute.addProperty("amount", amount);
    dispute.addProperty("currency", currency);
    dispute.addProperty("charge", charge);
    dispute.addProperty("payment_intent", paymentIntent);
    dispute.addProperty("reason", "fraudulent");
    dispute.addProperty("status", "needs_response");
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

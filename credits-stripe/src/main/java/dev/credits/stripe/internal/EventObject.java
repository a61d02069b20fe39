package dev.credits.stripe.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The few fields of an event's {@code data.object} that the gateway reads, from the event's raw JSON
 * (the same fields whatever API version the event was sent with).
 *
 * @param kind Stripe's object type: {@code payment_intent}, {@code refund}, {@code dispute}, or another
 * @param id the object's own id ({@code pi_…}, {@code re_…}, {@code dp_…}), or null
 * @param paymentIntent the PaymentIntent id the object is about, or null
 * @param orderId {@code metadata.order_id}, or null
 * @param amount the amount that matters for the kind: {@code amount_received} of an intent, the
 *     {@code amount} of a refund or a dispute; or null
 * @param currency Stripe's lowercase currency code, or null
 * @param status the object's {@code status}, or null
 * @param detail an intent's {@code last_payment_error} decline code (or code), or null
 */
record EventObject(String kind, String id, String paymentIntent, String orderId, Long amount, String currency,
    String status, String detail) {
  static final String PAYMENT_INTENT = "payment_intent";
  static final String REFUND = "refund";
  static final String DISPUTE = "dispute";
  static final String ORDER_ID = "order_id";

  /** An event with no object the gateway can read. */
  static final EventObject NONE = new EventObject("", null, null, null, null, null, null, null);

  static EventObject raw(JsonObject json) {
    String kind = text(json, "object");
    if (kind == null) {
      return NONE;
    }
    switch (kind) {
      case PAYMENT_INTENT:
        return new EventObject(kind, text(json, "id"), text(json, "id"), order(json), number(json, "amount_received"),
            text(json, "currency"), text(json, "status"), declineCode(json));
      case REFUND:
      case DISPUTE:
        return new EventObject(kind, text(json, "id"), reference(json), order(json), number(json, "amount"),
            text(json, "currency"), text(json, "status"), null);
      default:
        return NONE;
    }
  }

  private static String declineCode(JsonObject json) {
    JsonElement error = json.get("last_payment_error");
    if (error == null || !error.isJsonObject()) {
      return null;
    }
    String code = text(error.getAsJsonObject(), "decline_code");
    code = code != null ? code : text(error.getAsJsonObject(), "code");
    return code == null ? "payment failed" : "payment failed: " + code;
  }

  private static String order(JsonObject json) {
    JsonElement metadata = json.get("metadata");
    if (metadata == null || !metadata.isJsonObject()) {
      return null;
    }
    String id = text(metadata.getAsJsonObject(), ORDER_ID);
    return id == null || id.isBlank() ? null : id;
  }

  /** {@code payment_intent}: an id, or an expanded object carrying one. */
  private static String reference(JsonObject json) {
    JsonElement value = json.get(PAYMENT_INTENT);
    if (value != null && value.isJsonObject()) {
      return text(value.getAsJsonObject(), "id");
    }
    return text(json, PAYMENT_INTENT);
  }

  private static String text(JsonObject json, String field) {
    JsonElement value = json.get(field);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  private static Long number(JsonObject json, String field) {
    JsonElement value = json.get(field);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      return null;
    }
    try {
      return value.getAsBigDecimal().longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }
}

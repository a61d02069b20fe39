package dev.credits.stripe.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import java.util.Map;

/**
 * The few fields of an event's {@code data.object} that the gateway reads, taken either from the
 * SDK's typed model (when the event's API version matches the SDK's) or from the raw JSON (when it
 * does not, or the typed model cannot be built). Both readers take the same JSON fields, so an
 * event reads the same whichever path it took.
 *
 * @param kind Stripe's object type: {@code payment_intent}, {@code charge}, {@code dispute}, or another
 * @param paymentIntent the PaymentIntent id the object is about, or null
 * @param orderId {@code metadata.order_id}, or null
 * @param amount the amount that matters for the kind: {@code amount_received} of an intent, the
 *     cumulative {@code amount_refunded} of a charge, the {@code amount} of a dispute; or null
 * @param currency Stripe's lowercase currency code, or null
 */
record EventObject(String kind, String paymentIntent, String orderId, Long amount, String currency) {
  static final String PAYMENT_INTENT = "payment_intent";
  static final String CHARGE = "charge";
  static final String DISPUTE = "dispute";
  static final String ORDER_ID = "order_id";

  /** An event with no object the gateway can read. */
  static final EventObject NONE = new EventObject("", null, null, null, null);

  static EventObject typed(StripeObject object) {
    if (object instanceof PaymentIntent) {
      PaymentIntent i = (PaymentIntent) object;
      return new EventObject(PAYMENT_INTENT, i.getId(), order(i.getMetadata()), i.getAmountReceived(), i.getCurrency());
    }
    if (object instanceof Charge) {
      Charge c = (Charge) object;
      return new EventObject(CHARGE, c.getPaymentIntent(), order(c.getMetadata()), c.getAmountRefunded(),
          c.getCurrency());
    }
    if (object instanceof Dispute) {
      Dispute d = (Dispute) object;
      return new EventObject(DISPUTE, d.getPaymentIntent(), order(d.getMetadata()), d.getAmount(), d.getCurrency());
    }
    return NONE;
  }

  static EventObject raw(JsonObject json) {
    String kind = text(json, "object");
    if (kind == null) {
      return NONE;
    }
    switch (kind) {
      case PAYMENT_INTENT:
        return new EventObject(kind, text(json, "id"), order(json), number(json, "amount_received"),
            text(json, "currency"));
      case CHARGE:
        return new EventObject(kind, reference(json), order(json), number(json, "amount_refunded"),
            text(json, "currency"));
      case DISPUTE:
        return new EventObject(kind, reference(json), order(json), number(json, "amount"), text(json, "currency"));
      default:
        return NONE;
    }
  }

  private static String order(Map<String, String> metadata) {
    String id = metadata == null ? null : metadata.get(ORDER_ID);
    return id == null || id.isBlank() ? null : id;
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

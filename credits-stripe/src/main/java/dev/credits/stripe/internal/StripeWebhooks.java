package dev.credits.stripe.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies and reads Stripe webhook deliveries. Thread-safe and immutable.
 *
 * <p>The {@code Stripe-Signature} header (any case) must carry an HMAC-SHA256 of
 * {@code "<t>.<payload>"} under the endpoint's signing secret, and its timestamp {@code t} must be
 * at most the tolerance older than the clock; both are checked by stripe-java's
 * {@link Webhook#constructEvent(String, String, String, long, Clock)}. Events are mapped:
 *
 * <table>
 *   <caption>Stripe event to library event</caption>
 *   <tr><th>Stripe type</th><th>type</th><th>reference</th><th>amount</th></tr>
 *   <tr><td>payment_intent.succeeded</td><td>PAYMENT_SUCCEEDED</td><td>intent id</td>
 *       <td>amount_received</td></tr>
 *   <tr><td>payment_intent.payment_failed</td><td>PAYMENT_FAILED</td><td>intent id</td><td>none</td></tr>
 *   <tr><td>payment_intent.canceled</td><td>PAYMENT_CANCELED</td><td>intent id</td><td>none</td></tr>
 *   <tr><td>charge.refunded</td><td>REFUNDED</td><td>charge.payment_intent</td>
 *       <td>amount_refunded (the total so far)</td></tr>
 *   <tr><td>charge.dispute.created</td><td>DISPUTE_CREATED</td><td>dispute.payment_intent</td>
 *       <td>dispute amount</td></tr>
 *   <tr><td>anything else</td><td>OTHER</td><td>none</td><td>none</td></tr>
 * </table>
 *
 * <p>The order id is the object's {@code metadata.order_id} when present. An event sent with
 * another API version than the SDK's is read from its raw JSON.
 */
public final class StripeWebhooks {
  /** The header Stripe signs deliveries with. */
  public static final String SIGNATURE_HEADER = "Stripe-Signature";

  private final String secret;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * A verifier for one endpoint.
   *
   * @param secret the endpoint's signing secret ({@code whsec_...})
   * @param tolerance how old a signature may be; positive
   * @param clock the clock signatures are checked against
   * @throws IllegalArgumentException on a blank secret or a tolerance under one second
   */
  public StripeWebhooks(String secret, Duration tolerance, Clock clock) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("webhook secret is missing");
    }
    if (tolerance == null || tolerance.getSeconds() < 1) {
      throw new IllegalArgumentException("webhook tolerance must be at least one second, was " + tolerance);
    }
    this.secret = secret;
    this.tolerance = tolerance;
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /**
   * Verifies and reads one delivery.
   *
   * @param payload the raw body, exactly as received
   * @param headers the request headers; the signature header's name is matched in any case
   * @return the event
   * @throws InvalidRequestException when the signature is missing, forged, made with another
   *     secret or too old, or the body is not a Stripe event
   */
  public PaymentEvent parse(String payload, Map<String, String> headers) {
    if (payload == null) {
      throw new InvalidRequestException("webhook payload is missing");
    }
    String signature = signature(headers);
    Event event;
    try {
      event = Webhook.constructEvent(payload, signature, secret, tolerance.getSeconds(), clock);
    } catch (SignatureVerificationException e) {
      throw new InvalidRequestException("stripe webhook rejected: " + e.getMessage());
    } catch (RuntimeException e) { // malformed header or JSON
      throw new InvalidRequestException("stripe webhook rejected: not a signed Stripe event ("
          + e.getClass().getSimpleName() + ")");
    }
    return read(event, payload);
  }

  private static String signature(Map<String, String> headers) {
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if (SIGNATURE_HEADER.equalsIgnoreCase(h.getKey()) && h.getValue() != null && !h.getValue().isBlank()) {
          return h.getValue();
        }
      }
    }
    throw new InvalidRequestException("stripe webhook rejected: no " + SIGNATURE_HEADER + " header");
  }

  private PaymentEvent read(Event event, String payload) {
    PaymentEventType type = type(event.getType());
    Instant created = event.getCreated() != null ? Instant.ofEpochSecond(event.getCreated()) : clock.instant();
    if (type == PaymentEventType.OTHER) {
      return new PaymentEvent(event.getId(), type, null, null, null, created);
    }
    EventObject object = object(event, payload);
    Money amount = null;
    if (type == PaymentEventType.PAYMENT_SUCCEEDED || type == PaymentEventType.REFUNDED
        || type == PaymentEventType.DISPUTE_CREATED) {
      amount = StripeAmounts.fromStripe(object.amount(), object.currency()).orElse(null);
    }
    OrderId orderId = object.orderId() == null ? null : OrderId.of(object.orderId());
    return new PaymentEvent(event.getId(), type, object.paymentIntent(), orderId, amount, created);
  }

  /**
   * The event's {@code data.object}: the SDK's typed model when the event's API version matches the
   * SDK's, else the raw JSON, read field by field.
   */
  static EventObject object(Event event, String payload) {
    JsonObject raw = dataObject(payload);
    if (raw == null) {
      return EventObject.NONE;
    }
    if (event.getApiVersion() != null) {
      Optional<StripeObject> typed;
      try {
        typed = event.getDataObjectDeserializer().getObject();
      } catch (RuntimeException e) { // a model the SDK cannot build: the raw JSON still reads
        typed = Optional.empty();
      }
      if (typed.isPresent()) {
        return EventObject.typed(typed.get());
      }
    }
    return EventObject.raw(raw);
  }

  private static JsonObject dataObject(String payload) {
    try {
      JsonElement data = JsonParser.parseString(payload).getAsJsonObject().get("data");
      JsonElement object = data != null && data.isJsonObject() ? data.getAsJsonObject().get("object") : null;
      return object != null && object.isJsonObject() ? object.getAsJsonObject() : null;
    } catch (JsonParseException | IllegalStateException e) {
      return null;
    }
  }

  private static PaymentEventType type(String stripeType) {
    if (stripeType == null) {
      return PaymentEventType.OTHER;
    }
    switch (stripeType) {
      case "payment_intent.succeeded":
        return PaymentEventType.PAYMENT_SUCCEEDED;
      case "payment_intent.payment_failed":
        return PaymentEventType.PAYMENT_FAILED;
      case "payment_intent.canceled":
        return PaymentEventType.PAYMENT_CANCELED;
      case "charge.refunded":
        return PaymentEventType.REFUNDED;
      case "charge.dispute.created":
        return PaymentEventType.DISPUTE_CREATED;
      default:
        return PaymentEventType.OTHER;
    }
  }

  @Override
  public String toString() {
    return "StripeWebhooks[tolerance=" + tolerance + "]";
  }
}

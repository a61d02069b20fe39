package dev.credits.stripe.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
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
 *   <tr><th>Stripe type</th><th>type</th><th>amount</th><th>object id</th></tr>
 *   <tr><td>payment_intent.succeeded</td><td>PAYMENT_SUCCEEDED</td><td>amount_received</td><td>none</td></tr>
 *   <tr><td>payment_intent.payment_failed</td><td>PAYMENT_FAILED (detail: the decline code)</td><td>none</td>
 *       <td>none</td></tr>
 *   <tr><td>payment_intent.processing</td><td>PAYMENT_PROCESSING</td><td>none</td><td>none</td></tr>
 *   <tr><td>payment_intent.canceled</td><td>PAYMENT_CANCELED</td><td>none</td><td>none</td></tr>
 *   <tr><td>refund.created, refund.updated, charge.refund.updated with status succeeded or pending</td>
 *       <td>REFUNDED</td><td>the refund's amount</td><td>refund id</td></tr>
 *   <tr><td>refund.failed; refund.updated, charge.refund.updated with status failed or canceled</td>
 *       <td>REFUND_FAILED</td><td>the refund's amount</td><td>refund id</td></tr>
 *   <tr><td>charge.dispute.created</td><td>DISPUTE_CREATED</td><td>dispute amount</td><td>dispute id</td></tr>
 *   <tr><td>charge.dispute.closed, status won, warning_closed or prevented</td><td>DISPUTE_WON</td>
 *       <td>dispute amount</td><td>dispute id</td></tr>
 *   <tr><td>charge.dispute.closed, status lost</td><td>DISPUTE_LOST</td><td>dispute amount</td>
 *       <td>dispute id</td></tr>
 *   <tr><td>anything else (charge.refunded included: refunds are read one by one)</td><td>OTHER</td>
 *       <td>none</td><td>none</td></tr>
 * </table>
 *
 * <p>The reference is the PaymentIntent id ({@code payment_intent} of a refund or dispute). The
 * order id is the object's {@code metadata.order_id} when present. Fields are read from the raw
 * JSON, so an event sent with another API version than the SDK's reads the same.
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
    Instant created = event.getCreated() != null ? Instant.ofEpochSecond(event.getCreated()) : clock.instant();
    JsonObject raw = dataObject(payload);
    EventObject object = raw == null ? EventObject.NONE : EventObject.raw(raw);
    PaymentEventType type = type(event.getType(), object);
    if (type == PaymentEventType.OTHER) {
      return new PaymentEvent(event.getId(), type, null, null, null, created);
    }
    Money amount = null;
    if (type != PaymentEventType.PAYMENT_FAILED && type != PaymentEventType.PAYMENT_PROCESSING
        && type != PaymentEventType.PAYMENT_CANCELED) {
      amount = StripeAmounts.fromStripe(object.amount(), object.currency()).orElse(null);
    }
    OrderId orderId = object.orderId() == null ? null : OrderId.of(object.orderId());
    String objectId = EventObject.REFUND.equals(object.kind()) || EventObject.DISPUTE.equals(object.kind())
        ? object.id() : null;
    return new PaymentEvent(event.getId(), type, object.paymentIntent(), orderId, amount, created, objectId,
        object.detail());
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

  private static PaymentEventType type(String stripeType, EventObject object) {
    if (stripeType == null) {
      return PaymentEventType.OTHER;
    }
    String status = object.status() == null ? "" : object.status();
    boolean refund = object.kind().equals(EventObject.REFUND);
    switch (stripeType) {
      case "payment_intent.succeeded":
        return PaymentEventType.PAYMENT_SUCCEEDED;
      case "payment_intent.payment_failed":
        return PaymentEventType.PAYMENT_FAILED;
      case "payment_intent.processing":
        return PaymentEventType.PAYMENT_PROCESSING;
      case "payment_intent.canceled":
        return PaymentEventType.PAYMENT_CANCELED;
      case "refund.failed":
        return refund ? PaymentEventType.REFUND_FAILED : PaymentEventType.OTHER;
      case "refund.created":
      case "refund.updated":
      case "charge.refund.updated":
        if (!refund) {
          return PaymentEventType.OTHER;
        }
        if (status.equals("failed") || status.equals("canceled")) {
          return PaymentEventType.REFUND_FAILED;
        }
        return status.equals("succeeded") || status.equals("pending") ? PaymentEventType.REFUNDED
            : PaymentEventType.OTHER; // requires_action: no money moved yet
      case "charge.dispute.created":
        return PaymentEventType.DISPUTE_CREATED;
      case "charge.dispute.closed":
        if (status.equals("lost")) {
          return PaymentEventType.DISPUTE_LOST;
        }
        return status.equals("won") || status.equals("warning_closed") || status.equals("prevented")
            ? PaymentEventType.DISPUTE_WON : PaymentEventType.OTHER;
      default:
        return PaymentEventType.OTHER;
    }
  }

  @Override
  public String toString() {
    return "StripeWebhooks[tolerance=" + tolerance + "]";
  }
}

package dev.credits.testkit;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.PaymentGatewayException;
import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.RefundResult;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.PaymentGateway;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A scriptable in-memory payment processor for tests. By default every payment succeeds for
 * exactly the requested amount the first time it is inspected. Script what the next inspections
 * report ({@link #willDecline}, {@link #willStayPending}, {@link #willTimeOut}, {@link #willReport}),
 * or drive one payment through its life as a real processor would: {@link #declineAttempt} (the
 * payment stays open, the customer may retry), {@link #pay}, {@link #startProcessing} then
 * {@link #pay} or {@link #declineAttempt}, {@link #payDuringCancel} (a success that lands just
 * before a cancel). A payment is cancelled by {@link #cancel} unless it succeeded or is processing,
 * as at Stripe. Make the gateway itself fail ({@link #failCalls}), forget its idempotency keys as a
 * processor does after its window ({@link #forgetIdempotencyKeys}), and build signed webhook payloads
 * ({@link #webhook}, {@link #event}) for payments, refund failures and disputes, which
 * {@link #parseWebhook} verifies with an HMAC and a timestamp tolerance, like a real processor.
 * Thread-safe.
 */
public final class FakePaymentGateway implements PaymentGateway {
  /** The header carrying {@code t=<epoch seconds>,v1=<hex hmac-sha256 of "t.payload">}. */
  public static final String SIGNATURE_HEADER = "Fake-Signature";

  /** What {@link #inspect} reports. */
  private sealed interface Script {}

  private record Succeed(Money amount) implements Script {}

  private record Decline(String reason) implements Script {}

  private record StayPending() implements Script {}

  private record TimeOut() implements Script {}

  /** Where one payment stands at the fake processor. */
  private enum State { OPEN, PROCESSING, SUCCEEDED, CANCELED }

  /** One payment: its state, and the reason of its last failed attempt while open. */
  private record Payment(State state, Money collected, String lastError) {}

  private final Clock clock;
  private final String secret;
  private final Duration tolerance;
  private final Map<String, PaymentIntent> intentsByKey = new ConcurrentHashMap<>();
  private final Map<String, PaymentIntent> intentsByReference = new ConcurrentHashMap<>();
  private final Map<OrderId, PaymentIntent> intentsByOrder = new ConcurrentHashMap<>();
  private final Map<String, RefundResult> refundsByKey = new ConcurrentHashMap<>();
  private final Map<String, Money> balances = new ConcurrentHashMap<>();
  private final Map<String, Payment> payments = new ConcurrentHashMap<>();
  /** Refund id to [payment reference, amount]; failed ones are in {@link #failedRefunds}. */
  private final Map<String, RefundRecord> refundsById = new ConcurrentHashMap<>();
  private final java.util.Set<String> failedRefunds = ConcurrentHashMap.newKeySet();
  /** Dispute id to the money the bank took back (lost disputes only). */
  private final Map<String, RefundRecord> lostDisputes = new ConcurrentHashMap<>();

  private record RefundRecord(String reference, long amount) {}

  /** Open dispute id to its payment reference, and every dispute's amount. */
  private final Map<String, String> openDisputes = new ConcurrentHashMap<>();
  private final Map<String, Long> disputed = new ConcurrentHashMap<>();
  private final java.util.Set<String> paidDuringCancel = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Script> script = new AtomicReference<>();
  private final AtomicInteger failing = new AtomicInteger();
  private final AtomicInteger events = new AtomicInteger();
  private final AtomicInteger intentCalls = new AtomicInteger();
  private final AtomicInteger refundIds = new AtomicInteger();

  /**
   * A gateway whose webhooks are signed with {@code secret} and accepted within {@code tolerance}
   * of {@code clock}.
   *
   * @param clock the clock webhooks are checked against (share the library's)
   * @param secret the webhook signing secret
   * @param tolerance how old a webhook may be
   */
  public FakePaymentGateway(Clock clock, String secret, Duration tolerance) {
    this.clock = clock;
    this.secret = secret;
    this.tolerance = tolerance;
  }

  /**
   * A gateway with secret {@code whsec_test} and a 5-minute tolerance.
   *
   * @param clock the clock webhooks are checked against
   */
  public FakePaymentGateway(Clock clock) {
    this(clock, "whsec_test", Duration.ofMinutes(5));
  }

  // ---- scripting ----

  /** From now on, payments succeed for exactly the requested amount (the default). */
  public void willSucceed() {
    script.set(null);
  }

  /**
   * From now on, inspections report a decline.
   *
   * @param reason the decline reason
   */
  public void willDecline(String reason) {
    script.set(new Decline(reason));
  }

  /** From now on, inspections report a payment still processing. */
  public void willStayPending() {
    script.set(new StayPending());
  }

  /** From now on, inspections time out: the outcome is unknown. */
  public void willTimeOut() {
    script.set(new TimeOut());
  }

  /**
   * From now on, inspections report success for this amount, whatever was requested (to test
   * amount and currency mismatches).
   *
   * @param amount the amount reported as collected
   */
  public void willReport(Money amount) {
    script.set(new Succeed(amount));
  }

  /**
   * The customer's attempt on the order's latest payment fails (a declined card): the payment stays
   * open and inspections report {@link PaymentStatus.Declined} until the next attempt.
   *
   * @param orderId the order
   * @param reason the decline code
   */
  public void declineAttempt(OrderId orderId, String reason) {
    String reference = latest(orderId);
    payments.computeIfPresent(reference, (r, p) -> p.state() == State.OPEN || p.state() == State.PROCESSING
        ? new Payment(State.OPEN, null, reason) : p);
  }

  /**
   * The customer pays the order's latest payment (or its processing debit settles): it succeeded
   * for the requested amount, unless it was cancelled first.
   *
   * @param orderId the order
   */
  public void pay(OrderId orderId) {
    String reference = latest(orderId);
    Money amount = intentsByReference.get(reference).amount();
    payments.computeIfPresent(reference, (r, p) -> p.state() == State.CANCELED ? p
        : new Payment(State.SUCCEEDED, p.state() == State.SUCCEEDED ? p.collected() : amount, null));
  }

  /**
   * The order's latest payment is processing (a bank debit): it can no longer be cancelled, and
   * inspections report {@link PaymentStatus.Pending} with detail {@code processing}.
   *
   * @param orderId the order
   */
  public void startProcessing(OrderId orderId) {
    payments.computeIfPresent(latest(orderId), (r, p) -> p.state() == State.OPEN
        ? new Payment(State.PROCESSING, null, null) : p);
  }

  /**
   * The customer's payment of the order lands just before the next cancel of it reaches the
   * processor: that cancel answers {@link PaymentStatus.Succeeded}.
   *
   * @param orderId the order
   */
  public void payDuringCancel(OrderId orderId) {
    paidDuringCancel.add(latest(orderId));
  }

  /**
   * The processor collects the order's latest payment even though it was cancelled (a payment in
   * flight that crossed the cancel): money arrives for a closed order.
   *
   * @param orderId the order
   */
  public void collectAnyway(OrderId orderId) {
    String reference = latest(orderId);
    Money amount = intentsByReference.get(reference).amount();
    payments.computeIfPresent(reference, (r, p) -> p.state() == State.SUCCEEDED ? p
        : new Payment(State.SUCCEEDED, amount, null));
  }

  /**
   * A refund fails at the processor: the money stays collected. Returns the notification the
   * processor sends about it.
   *
   * @param orderId the refunded order
   * @param refundId the refund's id (as {@link #refund} returned it)
   * @return the signed {@code REFUND_FAILED} notification
   */
  public synchronized Webhook failRefund(OrderId orderId, String refundId) {
    RefundRecord r = refundsById.get(refundId);
    if (r == null) {
      throw new IllegalStateException("no refund " + refundId);
    }
    failedRefunds.add(refundId);
    Money amount = new Money(r.amount(), intentsByReference.get(r.reference()).amount().currency());
    return event("evt_" + events.incrementAndGet(), PaymentEventType.REFUND_FAILED, orderId, r.reference(), amount,
        refundId, null, clock.instant());
  }

  /**
   * The customer disputes the order's latest payment, for all the processor still holds of it; while
   * the dispute is open the payment cannot be refunded (as at Stripe). Returns the processor's
   * notification, or null when nothing is left to dispute.
   *
   * @param orderId the order
   * @param disputeId the dispute's id
   * @return the signed {@code DISPUTE_CREATED} notification, or null
   */
  public synchronized Webhook openDispute(OrderId orderId, String disputeId) {
    String reference = latest(orderId);
    Payment p = payments.get(reference);
    long held = p.state() == State.SUCCEEDED ? p.collected().minor() - back(reference) : 0;
    if (held <= 0 || openDisputes.containsValue(reference)) {
      return null;
    }
    openDisputes.put(disputeId, reference);
    disputed.put(disputeId, held);
    Money amount = new Money(held, p.collected().currency());
    return event("evt_" + events.incrementAndGet(), PaymentEventType.DISPUTE_CREATED, orderId, reference, amount,
        disputeId, null, clock.instant());
  }

  private long back(String reference) {
    long back = 0;
    for (Map.Entry<String, RefundRecord> r : refundsById.entrySet()) {
      if (r.getValue().reference().equals(reference) && !failedRefunds.contains(r.getKey())) {
        back += r.getValue().amount();
      }
    }
    for (RefundRecord d : lostDisputes.values()) {
      back += d.reference().equals(reference) ? d.amount() : 0;
    }
    return back;
  }

  /**
   * The bank decides an open dispute: lost, it takes the disputed amount back from the merchant.
   * Returns the processor's notification.
   *
   * @param orderId the order
   * @param disputeId the dispute's id, as given to {@link #openDispute}
   * @param won whether the merchant won
   * @return the signed {@code DISPUTE_WON} or {@code DISPUTE_LOST} notification
   */
  public synchronized Webhook closeDispute(OrderId orderId, String disputeId, boolean won) {
    String reference = openDisputes.remove(disputeId);
    if (reference == null) {
      throw new IllegalStateException("no open dispute " + disputeId);
    }
    long amount = disputed.get(disputeId);
    if (!won) {
      lostDisputes.put(disputeId, new RefundRecord(reference, amount));
    }
    Money money = new Money(amount, intentsByReference.get(reference).amount().currency());
    return event("evt_" + events.incrementAndGet(), won ? PaymentEventType.DISPUTE_WON : PaymentEventType.DISPUTE_LOST,
        orderId, reference, money, disputeId, null, clock.instant());
  }

  /**
   * What the processor holds for an order: collected by its payments, less refunds that did not
   * fail and money taken back by lost disputes (never below zero per payment).
   *
   * @param orderId the order
   * @return the net, in minor units
   */
  public synchronized long netCollected(OrderId orderId) {
    long net = 0;
    for (PaymentIntent intent : intentsByReference.values()) {
      Payment p = payments.get(intent.reference());
      if (intent.orderId().equals(orderId) && p.state() == State.SUCCEEDED) {
        net += Math.max(0, p.collected().minor() - back(intent.reference()));
      }
    }
    return net;
  }

  /**
   * Forgets every idempotency key, as a processor does after its window (24 hours at Stripe): a
   * retried createIntent then creates a second payment.
   */
  public void forgetIdempotencyKeys() {
    intentsByKey.clear();
  }

  private String latest(OrderId orderId) {
    PaymentIntent intent = intentsByOrder.get(orderId);
    if (intent == null) {
      throw new IllegalStateException("no payment was started for order " + orderId);
    }
    return intent.reference();
  }

  /**
   * The next {@code n} calls to createIntent and refund throw {@link PaymentGatewayException}.
   *
   * @param n how many calls fail
   */
  public void failCalls(int n) {
    failing.set(n);
  }

  /**
   * Sets a user's processor-side balance.
   *
   * @param userId the user
   * @param balance the balance
   */
  public void setCustomerBalance(UserId userId, Money balance) {
    balances.put(userId.value(), balance);
  }

  // ---- observing ----

  /**
   * How many distinct payments were created.
   *
   * @return the count
   */
  public int intentsCreated() {
    return intentsByReference.size();
  }

  /**
   * How many times createIntent was called (retries included).
   *
   * @return the count
   */
  public int intentCalls() {
    return intentCalls.get();
  }

  /**
   * How many distinct refunds were made.
   *
   * @return the count
   */
  public int refundsMade() {
    return refundsByKey.size();
  }

  /**
   * The payment started for an order, if any (the latest one, if several were).
   *
   * @param orderId the order
   * @return its intent
   */
  public Optional<PaymentIntent> intentFor(OrderId orderId) {
    return Optional.ofNullable(intentsByOrder.get(orderId));
  }

  // ---- webhooks ----

  /**
   * A signed notification, as the processor would send it now.
   *
   * @param type what happened
   * @param orderId the order it names
   * @param amount the amount it reports (collected, or refunded in all), or null
   * @return the payload and headers to hand to {@code Credits.handleWebhook}
   */
  public Webhook webhook(PaymentEventType type, OrderId orderId, Money amount) {
    return webhook("evt_" + events.incrementAndGet(), type, orderId, amount, clock.instant());
  }

  /**
   * A signed notification with a chosen id and signing time (to test duplicates and old events).
   *
   * @param eventId the event id
   * @param type what happened
   * @param orderId the order it names
   * @param amount the amount it reports, or null
   * @param signedAt the signature timestamp
   * @return the payload and headers
   */
  public Webhook webhook(String eventId, PaymentEventType type, OrderId orderId, Money amount, Instant signedAt) {
    return event(eventId, type, orderId, intentFor(orderId).map(PaymentIntent::reference).orElse(null), amount, null,
        null, signedAt);
  }

  /**
   * A signed notification with every field chosen: a refund failure ({@code objectId} the refund's
   * id), a dispute ({@code objectId} the dispute's id), a payment event naming another payment.
   *
   * @param eventId the event id
   * @param type what happened
   * @param orderId the order it names
   * @param reference the payment it is about, or null
   * @param amount the amount it reports, or null
   * @param objectId the refund or dispute it is about, or null
   * @param detail the processor's reason, or null
   * @param signedAt the signature timestamp
   * @return the payload and headers
   */
  public Webhook event(String eventId, PaymentEventType type, OrderId orderId, String reference, Money amount,
      String objectId, String detail, Instant signedAt) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", eventId);
    fields.put("type", type.name());
    fields.put("order", orderId.value());
    if (reference != null) {
      fields.put("reference", reference);
    }
    if (amount != null) {
      fields.put("amount", Long.toString(amount.minor()));
      fields.put("currency", amount.currency().getCurrencyCode());
    }
    if (objectId != null) {
      fields.put("object", objectId);
    }
    if (detail != null) {
      fields.put("detail", detail);
    }
    fields.put("created", Long.toString(signedAt.getEpochSecond()));
    StringBuilder payload = new StringBuilder();
    fields.forEach((k, v) -> payload.append(payload.length() == 0 ? "" : "&").append(k).append('=').append(v));
    long t = signedAt.getEpochSecond();
    String body = payload.toString();
    return new Webhook(body, Map.of(SIGNATURE_HEADER, "t=" + t + ",v1=" + hmac(t + "." + body, secret)));
  }

  /**
   * A signed notification about an order's latest payment, with a fresh event id, signed now.
   *
   * @param type what happened
   * @param orderId the order it names
   * @param amount the amount it reports, or null
   * @param objectId the refund or dispute it is about, or null
   * @return the payload and headers
   */
  public Webhook event(PaymentEventType type, OrderId orderId, Money amount, String objectId) {
    return event("evt_" + events.incrementAndGet(), type, orderId,
        intentFor(orderId).map(PaymentIntent::reference).orElse(null), amount, objectId, null, clock.instant());
  }

  /**
   * A notification ready to deliver.
   *
   * @param payload the raw body
   * @param headers the headers, with the signature
   */
  public record Webhook(String payload, Map<String, String> headers) {}

  // ---- PaymentGateway ----

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public PaymentIntent createIntent(PaymentRequest request) {
    intentCalls.incrementAndGet();
    maybeFail("createIntent");
    return intentsByKey.computeIfAbsent(request.idempotencyKey(), k -> {
      String reference = "pi_fake_" + (intentsByReference.size() + 1) + "_" + request.orderId().value();
      PaymentIntent intent = new PaymentIntent(request.orderId(), name(), reference, reference + "_secret",
          request.amount());
      intentsByReference.put(reference, intent);
      intentsByOrder.put(request.orderId(), intent);
      payments.put(reference, new Payment(State.OPEN, null, null));
      return intent;
    });
  }

  @Override
  public PaymentStatus inspect(String reference) {
    Script s = script.get();
    if (s instanceof TimeOut) {
      return new PaymentStatus.Unknown(reference, "timed out");
    }
    PaymentIntent intent = intentsByReference.get(reference);
    if (intent == null) {
      return new PaymentStatus.Unknown(reference, "no such payment");
    }
    Payment p = payments.get(reference);
    switch (p.state()) {
      case SUCCEEDED:
        return new PaymentStatus.Succeeded(reference, p.collected());
      case CANCELED:
        return new PaymentStatus.Canceled(reference, "canceled");
      case PROCESSING:
        return new PaymentStatus.Pending(reference, "processing");
      default:
        break;
    }
    if (p.lastError() != null) {
      return new PaymentStatus.Declined(reference, p.lastError());
    }
    if (s instanceof Decline) {
      return new PaymentStatus.Declined(reference, ((Decline) s).reason());
    }
    if (s instanceof StayPending) {
      return new PaymentStatus.Pending(reference, "requires_action");
    }
    Money collected = s instanceof Succeed ? ((Succeed) s).amount() : intent.amount();
    Payment paid = payments.computeIfPresent(reference, (r, q) -> q.state() == State.OPEN
        ? new Payment(State.SUCCEEDED, collected, null) : q);
    return paid.state() == State.SUCCEEDED ? new PaymentStatus.Succeeded(reference, paid.collected())
        : inspect(reference);
  }

  @Override
  public PaymentStatus cancel(String reference) {
    if (script.get() instanceof TimeOut) {
      return new PaymentStatus.Unknown(reference, "timed out");
    }
    PaymentIntent intent = intentsByReference.get(reference);
    if (intent == null) {
      return new PaymentStatus.Unknown(reference, "no such payment");
    }
    if (paidDuringCancel.remove(reference)) {
      payments.computeIfPresent(reference, (r, p) -> p.state() == State.OPEN || p.state() == State.PROCESSING
          ? new Payment(State.SUCCEEDED, intent.amount(), null) : p);
    }
    Payment p = payments.computeIfPresent(reference, (r, q) -> q.state() == State.OPEN
        ? new Payment(State.CANCELED, null, null) : q);
    switch (p.state()) {
      case SUCCEEDED:
        return new PaymentStatus.Succeeded(reference, p.collected());
      case PROCESSING:
        return new PaymentStatus.Pending(reference, "processing");
      default:
        return new PaymentStatus.Canceled(reference, "canceled");
    }
  }

  @Override
  public Optional<PaymentIntent> reopen(String reference, PaymentRequest request) {
    maybeFail("reopen");
    Payment p = payments.get(reference);
    return p != null && p.state() == State.OPEN ? Optional.of(intentsByReference.get(reference)) : Optional.empty();
  }

  @Override
  public PaymentEvent parseWebhook(String payload, Map<String, String> headers) {
    String header = null;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(SIGNATURE_HEADER)) {
        header = h.getValue();
      }
    }
    if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]+")) {
      throw new InvalidRequestException("missing or malformed " + SIGNATURE_HEADER + " header");
    }
    long t = Long.parseLong(header.substring(2, header.indexOf(',')));
    String given = header.substring(header.indexOf("v1=") + 3);
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
        hmac(t + "." + payload, secret).getBytes(StandardCharsets.US_ASCII))) {
      throw new InvalidRequestException("webhook signature does not match");
    }
    Instant signed = Instant.ofEpochSecond(t);
    if (Duration.between(signed, clock.instant()).abs().compareTo(tolerance) > 0) {
      throw new InvalidRequestException("webhook timestamp " + signed + " is outside the tolerance of " + tolerance);
    }
    Map<String, String> f = new LinkedHashMap<>();
    for (String part : payload.split("&")) {
      int eq = part.indexOf('=');
      f.put(part.substring(0, eq), part.substring(eq + 1));
    }
    Money amount = f.containsKey("amount") ? Money.ofMinor(Long.parseLong(f.get("amount")), f.get("currency")) : null;
    return new PaymentEvent(f.get("id"), PaymentEventType.valueOf(f.get("type")), f.get("reference"),
        OrderId.of(f.get("order")), amount, Instant.ofEpochSecond(Long.parseLong(f.get("created"))), f.get("object"),
        f.get("detail"));
  }

  @Override
  public synchronized RefundResult refund(String reference, Money amount, String idempotencyKey) {
    maybeFail("refund");
    PaymentIntent intent = intentsByReference.get(reference);
    if (intent == null) {
      throw new PaymentGatewayException("no such payment to refund");
    }
    RefundResult earlier = refundsByKey.get(idempotencyKey);
    if (earlier != null) {
      return earlier;
    }
    if (openDisputes.containsValue(reference)) {
      throw new PaymentGatewayException("payment " + reference + " is disputed; it cannot be refunded now");
    }
    // Like a real processor: never more back (refunds and lost disputes) than was collected.
    if (back(reference) + amount.minor() > intent.amount().minor()) {
      throw new PaymentGatewayException("refund of " + amount + " exceeds what is left of payment " + reference);
    }
    // a counter, not the map's size: concurrent refunds must never share a refund id
    RefundResult result = new RefundResult("re_fake_" + refundIds.incrementAndGet(), amount, true);
    refundsByKey.put(idempotencyKey, result);
    refundsById.put(result.refundId(), new RefundRecord(reference, amount.minor()));
    return result;
  }

  @Override
  public Optional<Money> customerBalance(UserId userId) {
    return Optional.ofNullable(balances.get(userId.value()));
  }

  private void maybeFail(String call) {
    if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new PaymentGatewayException("fake gateway: scripted failure of " + call);
    }
  }

  private static String hmac(String data, String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Every intent created so far.
   *
   * @return a snapshot
   */
  public List<PaymentIntent> intents() {
    return new ArrayList<>(intentsByReference.values());
  }
}

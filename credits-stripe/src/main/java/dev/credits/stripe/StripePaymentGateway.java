package dev.credits.stripe;

import com.google.gson.JsonParseException;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.PaymentGatewayException;
import dev.credits.core.model.Money;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.RefundResult;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.PaymentGateway;
import dev.credits.stripe.internal.IntentStatuses;
import dev.credits.stripe.internal.StripeAmounts;
import dev.credits.stripe.internal.StripeFailures;
import dev.credits.stripe.internal.StripeWebhooks;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PaymentGateway} on Stripe's PaymentIntents API, through stripe-java. Thread-safe and
 * immutable; build one per application with {@link #builder()} or {@link #fromEnvironment()} and
 * share it.
 *
 * <ul>
 *   <li>{@link #createIntent} creates one PaymentIntent per order: the amount in Stripe's minor unit
 *       of the order's currency, metadata {@code order_id} and {@code user_id}, and the request's
 *       idempotency key, so a retry returns the same intent (for Stripe's 24 hours of key memory).
 *   <li>{@link #inspect} retrieves the intent; a timeout, a network failure or a server error is
 *       {@link PaymentStatus.Unknown}, never a decline.
 *   <li>{@link #parseWebhook} verifies the {@code Stripe-Signature} and its age, then maps the event.
 *   <li>{@link #refund} creates a Refund on the intent, idempotent by key.
 *   <li>{@link #customerBalance} reads the credit balance of the user's Stripe Customer.
 * </ul>
 *
 * <p>The secret key and the webhook secret are never logged, never put in an exception message,
 * and never shown by {@link #toString()}.
 */
public final class StripePaymentGateway implements PaymentGateway {
  /** The name stored with payments made through this gateway. */
  public static final String NAME = "stripe";
  /** Longest idempotency key Stripe accepts. */
  private static final int MAX_KEY_LENGTH = 255;
  private static final Logger LOG = LoggerFactory.getLogger(StripePaymentGateway.class);

  private final StripeClient client;
  private final StripeWebhooks webhooks;
  private final StripeCustomers customers;
  private final String description;

  StripePaymentGateway(StripeClient client, StripeWebhooks webhooks, StripeCustomers customers,
      String description) {
    this.client = client;
    this.webhooks = webhooks;
    this.customers = customers;
    this.description = description;
  }

  /**
   * Starts a builder; {@link StripePaymentGatewayBuilder#secretKey} and
   * {@link StripePaymentGatewayBuilder#webhookSecret} are required.
   *
   * @return a new builder
   */
  public static StripePaymentGatewayBuilder builder() {
    return new StripePaymentGatewayBuilder();
  }

  /**
   * A gateway configured from the process environment: {@code STRIPE_SECRET_KEY} and
   * {@code STRIPE_WEBHOOK_SECRET} (required), {@code STRIPE_API_BASE} (optional), defaults for the
   * rest and no customer mapping.
   *
   * @return the gateway
   * @throws IllegalStateException when a required variable is not set
   * @throws IllegalArgumentException when a variable's value is not valid
   */
  public static StripePaymentGateway fromEnvironment() {
    return builder().environment(System::getenv).build();
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidRequestException when the request is incomplete, its idempotency key is blank or
   *     longer than 255 characters, or Stripe cannot express its amount exactly
   */
  @Override
  public PaymentIntent createIntent(PaymentRequest request) {
    if (request == null || request.orderId() == null || request.userId() == null || request.amount() == null) {
      throw new InvalidRequestException("payment request needs an order, a user and an amount");
    }
    Money amount = request.amount();
    long stripeAmount = StripeAmounts.toStripe(amount);
    PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
        .setAmount(stripeAmount)
        .setCurrency(StripeAmounts.code(amount.currency()))
        .putMetadata("order_id", request.orderId().value())
        .putMetadata("user_id", request.userId().value());
    if (request.description() != null && !request.description().isBlank()) {
      params.setDescription(request.description());
    }
    customerOf(request.userId()).ifPresent(params::setCustomer);
    com.stripe.model.PaymentIntent created;
    try {
      created = client.v1().paymentIntents().create(params.build(), options(request.idempotencyKey()));
    } catch (StripeException e) {
      throw StripeFailures.gatewayFailure("create payment intent for order " + request.orderId(), e);
    } catch (JsonParseException e) {
      throw new PaymentGatewayException("stripe: unreadable answer creating the payment intent for order "
          + request.orderId(), e);
    }
    if (created.getId() == null || !Long.valueOf(stripeAmount).equals(created.getAmount())
        || !StripeAmounts.code(amount.currency()).equals(created.getCurrency())) {
      throw new PaymentGatewayException("stripe: payment intent " + created.getId() + " is for "
          + created.getAmount() + " " + created.getCurrency() + ", not " + amount
          + "; was the idempotency key used for another payment?");
    }
    LOG.debug("payment intent {} for order {} ({})", created.getId(), request.orderId(), amount);
    return new PaymentIntent(request.orderId(), NAME, created.getId(), created.getClientSecret(), amount);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidRequestException when the reference is blank
   */
  @Override
  public PaymentStatus inspect(String reference) {
    requireText(reference, "payment reference");
    try {
      return IntentStatuses.of(client.v1().paymentIntents().retrieve(reference));
    } catch (StripeException e) {
      LOG.warn("payment intent {} could not be read; its status is unknown: {}", reference,
          StripeFailures.describe(e));
      return IntentStatuses.unknown(reference, e);
    } catch (JsonParseException e) {
      LOG.warn("payment intent {}: unreadable answer from Stripe; its status is unknown", reference);
      return new PaymentStatus.Unknown(reference, "stripe: unreadable answer");
    }
  }

  /**
   * Cancels the PaymentIntent (idempotent). Stripe refuses to cancel a succeeded or processing
   * intent; then the intent is read and its status returned ({@code Succeeded}, or {@code Pending}
   * with detail {@code processing}). A failure to reach Stripe is {@code Unknown}.
   *
   * <p>The cancel is sent with the key {@code credits-cancel-<id>}. Stripe keeps the first answer to
   * a key for 24 hours, refusals included: an intent refused while it was processing, whose debit
   * then failed, would be refused again from memory although it can now be cancelled. So when the
   * intent read after a refusal is open ({@code requires_*}), the cancel is sent once more under a
   * new key; an intent still open after that is {@code Unknown}, never an answer that lets the order
   * close while its payment can still be paid.
   *
   * @param reference the PaymentIntent id
   * @return where the intent stands after the attempt
   */
  @Override
  public PaymentStatus cancel(String reference) {
    requireText(reference, "payment reference");
    PaymentStatus status = cancel(reference, "credits-cancel-" + reference);
    if (!isOpen(status)) {
      return status;
    }
    LOG.debug("payment intent {} is open after a refused cancel (a refusal Stripe replayed); cancelling it again",
        reference);
    status = cancel(reference, "credits-cancel-again-" + UUID.randomUUID());
    if (isOpen(status)) {
      LOG.warn("payment intent {} is still open after cancelling it; its status is unknown", reference);
      return new PaymentStatus.Unknown(reference, "stripe: payment intent still open after cancel");
    }
    return status;
  }

  private PaymentStatus cancel(String reference, String idempotencyKey) {
    try {
      return IntentStatuses.of(client.v1().paymentIntents().cancel(reference, PaymentIntentCancelParams.builder().build(),
          options(idempotencyKey)));
    } catch (com.stripe.exception.InvalidRequestException e) {
      LOG.debug("payment intent {} could not be cancelled ({}); reading it", reference, e.getCode());
      return inspect(reference); // already succeeded, processing or canceled
    } catch (StripeException e) {
      LOG.warn("payment intent {} could not be cancelled; its status is unknown: {}", reference,
          StripeFailures.describe(e));
      return IntentStatuses.unknown(reference, e);
    } catch (JsonParseException e) {
      return new PaymentStatus.Unknown(reference, "stripe: unreadable answer");
    }
  }

  /** Whether the status is of an intent that can still be paid, so also cancelled: any {@code requires_*}. */
  private static boolean isOpen(PaymentStatus status) {
    return status instanceof PaymentStatus.Declined
        || status instanceof PaymentStatus.Pending && ((PaymentStatus.Pending) status).detail().startsWith("requires_");
  }

  /**
   * The PaymentIntent again with its client secret when it can still be paid (any
   * {@code requires_*} status) and is for the requested amount; empty when it is canceled, succeeded
   * or processing.
   *
   * @param reference the PaymentIntent id
   * @param request what it was created for
   * @return the open intent, or empty
   * @throws PaymentGatewayException when Stripe cannot be reached or the intent is for another amount
   */
  @Override
  public Optional<PaymentIntent> reopen(String reference, PaymentRequest request) {
    requireText(reference, "payment reference");
    com.stripe.model.PaymentIntent intent;
    try {
      intent = client.v1().paymentIntents().retrieve(reference);
    } catch (StripeException e) {
      throw StripeFailures.gatewayFailure("read payment intent " + reference, e);
    } catch (JsonParseException e) {
      throw new PaymentGatewayException("stripe: unreadable answer reading payment intent " + reference, e);
    }
    String status = intent.getStatus() == null ? "" : intent.getStatus();
    if (!status.startsWith("requires_")) {
      return Optional.empty();
    }
    long expected = StripeAmounts.toStripe(request.amount());
    if (!Long.valueOf(expected).equals(intent.getAmount())
        || !StripeAmounts.code(request.amount().currency()).equals(intent.getCurrency())) {
      throw new PaymentGatewayException("stripe: payment intent " + reference + " is for " + intent.getAmount() + " "
          + intent.getCurrency() + ", not " + request.amount());
    }
    return Optional.of(new PaymentIntent(request.orderId(), NAME, intent.getId(), intent.getClientSecret(),
        request.amount()));
  }

  /**
   * Refuses what Stripe cannot charge: an amount Stripe's unit cannot express, a three-decimal
   * currency amount whose last digit is not 0 (Stripe requires it for card payments), or an amount
   * below Stripe's minimum charge in a currency {@link StripeAmounts#minimum} lists.
   *
   * @param amount the order total
   * @throws InvalidRequestException naming the rule
   */
  @Override
  public void checkAmount(Money amount) {
    StripeAmounts.checkChargeable(amount);
  }

  @Override
  public PaymentEvent parseWebhook(String payload, Map<String, String> headers) {
    return webhooks.parse(payload, headers);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A refund Stripe reports as {@code failed} or {@code canceled} at once throws, so no tokens
   * are reversed for money that is not going back; {@code pending} is a refund still on its way.
   *
   * @throws InvalidRequestException on a blank reference or key, or an amount Stripe cannot express
   */
  @Override
  public RefundResult refund(String reference, Money amount, String idempotencyKey) {
    requireText(reference, "payment reference");
    if (amount == null || amount.isZero()) {
      throw new InvalidRequestException("refund amount must be positive");
    }
    long stripeAmount = StripeAmounts.toStripe(amount);
    RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(reference).setAmount(stripeAmount)
        .build();
    com.stripe.model.Refund refund;
    try {
      refund = client.v1().refunds().create(params, options(idempotencyKey));
    } catch (StripeException e) {
      throw StripeFailures.gatewayFailure("refund " + amount + " on " + reference, e);
    } catch (JsonParseException e) {
      throw new PaymentGatewayException("stripe: unreadable answer refunding " + reference, e);
    }
    if (refund.getId() == null || !Long.valueOf(stripeAmount).equals(refund.getAmount())) {
      throw new PaymentGatewayException("stripe: refund " + refund.getId() + " on " + reference + " is for "
          + refund.getAmount() + ", not " + amount + "; was the idempotency key used for another refund?");
    }
    String status = refund.getStatus() == null ? "" : refund.getStatus();
    if ("failed".equals(status) || "canceled".equals(status)) {
      throw new PaymentGatewayException("stripe: refund " + refund.getId() + " on " + reference + " is " + status);
    }
    LOG.debug("refund {} of {} on {}: {}", refund.getId(), amount, reference, status);
    return new RefundResult(refund.getId(), amount, "succeeded".equals(status));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Stripe keeps a customer balance in minor units where a negative value is credit the customer
   * can spend and a positive value is an amount owed. This returns the credit: the balance negated,
   * or zero when the customer owes money.
   *
   * @return the credit, or empty when the user has no mapped customer, the customer is deleted or
   *     unknown to Stripe, or has never had a balance currency
   * @throws PaymentGatewayException when Stripe fails or cannot be reached
   */
  @Override
  public Optional<Money> customerBalance(UserId userId) {
    if (userId == null) {
      throw new InvalidRequestException("userId is missing");
    }
    Optional<String> customerId = customerOf(userId);
    if (customerId.isEmpty()) {
      return Optional.empty();
    }
    Customer customer;
    try {
      customer = client.v1().customers().retrieve(customerId.get());
    } catch (StripeException e) {
      if (Integer.valueOf(404).equals(e.getStatusCode())) {
        return Optional.empty();
      }
      throw StripeFailures.gatewayFailure("read the balance of customer " + customerId.get(), e);
    } catch (JsonParseException e) {
      throw new PaymentGatewayException("stripe: unreadable answer reading customer " + customerId.get(), e);
    }
    if (Boolean.TRUE.equals(customer.getDeleted()) || customer.getCurrency() == null) {
      return Optional.empty();
    }
    long balance = customer.getBalance() == null ? 0 : customer.getBalance();
    long credit = balance < 0 ? Math.negateExact(balance) : 0;
    return StripeAmounts.fromStripe(credit, customer.getCurrency());
  }

  private Optional<String> customerOf(UserId userId) {
    Optional<String> id = customers.customerId(userId);
    return id == null ? Optional.empty() : id.filter(s -> !s.isBlank());
  }

  private static RequestOptions options(String idempotencyKey) {
    requireText(idempotencyKey, "idempotency key");
    if (idempotencyKey.length() > MAX_KEY_LENGTH) {
      throw new InvalidRequestException("idempotency key is longer than " + MAX_KEY_LENGTH + " characters");
    }
    return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(what + " is missing");
    }
  }

  @Override
  public String toString() {
    return "StripePaymentGateway[" + description + "]";
  }
}

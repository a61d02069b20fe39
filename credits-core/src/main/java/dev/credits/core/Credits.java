package dev.credits.core;

import dev.credits.core.internal.Checks;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.memory.InProcessEventBus;
import dev.credits.core.memory.SimulatedPaymentGateway;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.ExpiryReport;
import dev.credits.core.model.Grant;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.HoldSettlement;
import dev.credits.core.model.LatePaymentPolicy;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.SweepReport;
import dev.credits.core.model.UserCredits;
import dev.credits.core.model.UserId;
import dev.credits.core.model.WebhookOutcome;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.EventPublisher;
import dev.credits.core.spi.PaymentGateway;
import dev.credits.core.ticket.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The facade: everything an application does with credits. Thread-safe; create one per
 * application with {@link #builder()} and share it.
 *
 * <p>Guarantees, whatever the store: a token is never spent twice nor lost; an order grants its
 * tokens exactly once however many confirmations and notifications arrive, in any order; expired
 * tokens are never spendable; totals come from the catalog, never from the caller; bad input
 * throws a {@link CreditsException} subclass and writes nothing.
 */
public final class Credits {
  private final Context ctx;
  private final Catalog catalog;
  private final Orders orders;
  private final Payments payments;
  private final Wallets wallets;
  private final Expiry expiry;
  private final LeaseLocks locks;
  private final Tickets tickets;

  private Credits(Context ctx) {
    this.ctx = ctx;
    this.catalog = new Catalog(ctx);
    this.orders = new Orders(ctx, catalog);
    this.payments = new Payments(ctx, orders);
    this.wallets = new Wallets(ctx);
    this.expiry = new Expiry(ctx, orders);
    this.locks = new LeaseLocks(ctx.store.locks(), ctx.clock);
    this.tickets = Tickets.attach(new CoreOrderDesk(ctx, orders));
  }

  /**
   * Starts a builder. With no settings, {@link Builder#build()} gives the embedded default: an
   * in-memory store, a simulated gateway that always succeeds, an in-process event bus and the UTC
   * system clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---- catalog ----

  /**
   * Adds or replaces a catalog offer.
   *
   * @param offer the offer
   * @return the offer
   * @throws InvalidRequestException when null
   */
  public Offer saveOffer(Offer offer) {
    return catalog.save(offer);
  }

  /**
   * The offers a user may order now: every regular offer, plus locked offers unlocked by an active
   * paid subscription of the user in one of their {@code unlockedBy} groups. Among offers sharing
   * an overriding key only one is kept: the highest weight, then an unlocked offer over a regular
   * one, then the smallest id. Then, if tags are given, only offers carrying every one of them are
   * kept (a tag never reveals a locked offer). Sorted by popularity (highest first), then id.
   * Works for a user with no history.
   *
   * @param userId the user
   * @param tags optional tags, all required
   * @return the offers
   * @throws InvalidRequestException on a null user or a blank tag
   */
  public List<Offer> loadOffers(UserId userId, String... tags) {
    return catalog.load(userId, tags);
  }

  // ---- orders and payments ----

  /**
   * Creates a pending order in the offer's default currency.
   *
   * @param offerId the offer
   * @param userId the buyer
   * @param quantity units, 1..quantityLimit
   * @return the order (already PAID and granted when the total is zero)
   * @throws NotFoundException for an unknown offer
   * @throws InvalidRequestException for a bad quantity, an overflowing total, or a total the gateway
   *     cannot collect ({@link PaymentGateway#checkAmount}); nothing is written
   * @throws InvalidStateException for a locked offer (the user holds no subscription that unlocks it)
   */
  public Order createOrder(OfferId offerId, UserId userId, long quantity) {
    return orders.create(offerId, userId, quantity, null, null);
  }

  /**
   * Creates a pending order. The total is the offer's unit price in that currency times the
   * quantity, in minor units, computed here and never taken from the caller. The order expires if
   * not paid within the payment window. What it will grant is fixed now.
   *
   * @param offerId the offer
   * @param userId the buyer
   * @param quantity units, 1..quantityLimit
   * @param currency the currency to pay in; the offer must have a price in it
   * @return the order (already PAID and granted when the total is zero)
   * @throws NotFoundException for an unknown offer
   * @throws InvalidRequestException for a bad quantity, a currency without a price, an overflowing
   *     total, or a total the gateway cannot collect ({@link PaymentGateway#checkAmount}); nothing
   *     is written
   * @throws InvalidStateException for a locked offer
   */
  public Order createOrder(OfferId offerId, UserId userId, long quantity, Currency currency) {
    return orders.create(offerId, userId, quantity, Checks.present(currency, "currency"), null);
  }

  /**
   * Creates a pending order, idempotently: the same user and key always give the same order, so a
   * client that retries after a lost response does not create a second one. The order id is derived
   * from the user and the key.
   *
   * @param offerId the offer
   * @param userId the buyer
   * @param quantity units, 1..quantityLimit
   * @param currency the currency to pay in, or null for the offer's default
   * @param idempotencyKey the client's key for this purchase, not blank
   * @return the order (the one created by the first call with this key)
   * @throws NotFoundException for an unknown offer
   * @throws InvalidRequestException for bad input, as {@link #createOrder(OfferId, UserId, long, Currency)}
   * @throws ConflictException when the key was used for a different offer, quantity or currency
   */
  public Order createOrder(OfferId offerId, UserId userId, long quantity, Currency currency, String idempotencyKey) {
    return orders.create(offerId, userId, quantity, currency, Checks.text(idempotencyKey, "idempotencyKey"));
  }

  /**
   * Starts the payment of a pending order at the gateway, for the order's total. Only the order's
   * buyer may.
   *
   * <p>When the order already has a payment, the gateway is asked for it again
   * ({@link PaymentGateway#reopen}): a payment still open at the processor is returned, however long
   * ago it was created, so a retry never starts a second one. A payment closed at the processor
   * (cancelled there) is replaced by a new one with its own processor idempotency key, and the
   * order's history records {@code payment replaced: <old> closed at the processor; now <new>}. A
   * payment the processor reports as succeeded or processing is never replaced: the order is
   * completed, or left to wait, and this method throws.
   *
   * @param orderId the order
   * @param userId the caller, who must be the buyer
   * @return what the client needs to pay
   * @throws NotAuthorizedException when the caller is not the buyer
   * @throws InvalidStateException when the order is not pending or its window passed (the order is
   *     then closed, or waits for a processing payment), or its earlier payment turned out paid or
   *     processing
   * @throws InvalidRequestException when it is a ticket order (those are paid with {@link Tickets#pay}),
   *     or it has started {@link dev.credits.core.model.Limits#MAX_PAYMENTS_PER_ORDER} payments
   * @throws PaymentGatewayException when the gateway fails, or where the earlier payment stands
   *     could not be learned; retry
   */
  public PaymentIntent startPayment(OrderId orderId, UserId userId) {
    return orders.startPayment(orderId, userId);
  }

  /**
   * Asks the gateway where the order's payment stands and applies it. For a pending order: success
   * with the exact amount and currency pays the order and grants its tokens (once); a different
   * amount or currency marks it INCONSISTENT and grants nothing; a decline is recorded as a failed
   * attempt (a history note and a {@link dev.credits.core.event.CreditsEvent.PaymentAttemptFailed}
   * event) and the order stays pending and payable; a payment cancelled at the processor cancels the
   * order; pending or unknown changes nothing. For a closed order (refused, error, cancelled,
   * expired) that has a payment, the processor is asked too, and money it collected is late money,
   * handled by the {@linkplain Builder#latePayment late-payment policy}. For a paid order, grants
   * interrupted by a crash are completed. Safe to call any number of times, concurrently with
   * webhooks.
   *
   * @param orderId the order
   * @param userId the caller, who must be the buyer
   * @return the order after
   * @throws NotAuthorizedException when the caller is not the buyer
   * @throws InvalidStateException when the order is pending and no payment was started
   */
  public Order confirmPayment(OrderId orderId, UserId userId) {
    return orders.confirm(orderId, userId);
  }

  /**
   * Verifies and applies a gateway notification. Each event id is applied once; an event for an
   * unknown order is acknowledged; a late failure never un-pays an order.
   *
   * <p>Answer the processor with a 2xx, except when the outcome's
   * {@link WebhookOutcome#shouldRedeliver()} is true (the event arrived before the payment it
   * depends on, and nothing was recorded): then with a 5xx (e.g. 503), so that the processor
   * delivers it again. Answer 400 when this throws {@link InvalidRequestException}, and a 5xx when
   * it throws anything else: the event was not recorded as processed, and its redelivery applies it.
   *
   * @param payload the raw body
   * @param headers the request headers (for the signature)
   * @return what was done ({@link WebhookOutcome#action()}), and whether to ask for a redelivery
   * @throws InvalidRequestException when the signature or timestamp is not valid, or the payload is
   *     not a notification
   */
  public WebhookOutcome handleWebhook(String payload, Map<String, String> headers) {
    return payments.handleWebhook(payload, headers);
  }

  /**
   * Applies an already verified gateway event (what {@link #handleWebhook} does after verifying).
   *
   * @param event the event
   * @return what was done
   */
  public WebhookOutcome handlePaymentEvent(PaymentEvent event) {
    return payments.handle(event);
  }

  /**
   * Cancels a pending order. Only its buyer may; cancelling twice is fine. When a payment was
   * started, it is cancelled at the processor first ({@link PaymentGateway#cancel}), so that the
   * client can no longer pay it; the order is cancelled only once the processor confirmed that (or,
   * for a payment still processing, once the {@linkplain Builder#processingLimit processing limit}
   * passed). A payment the processor reports as succeeded completes the order instead.
   *
   * @param orderId the order
   * @param userId the caller, who must be the buyer
   * @return the cancelled order
   * @throws NotAuthorizedException when the caller is not the buyer
   * @throws InvalidStateException when the order is no longer pending (also when the processor
   *     reported its payment succeeded: the order is then paid), or its payment is processing at the
   *     processor (within the {@linkplain Builder#processingLimit processing limit})
   * @throws PaymentGatewayException when the processor could not be asked, or did not confirm the
   *     cancel; the order stays pending: retry
   */
  public Order cancelOrder(OrderId orderId, UserId userId) {
    return orders.cancel(orderId, userId);
  }

  /**
   * Refunds money on a paid order through the gateway and takes back the matching share of its
   * unspent tokens (a full refund takes back everything left and ends its subscription). Tokens
   * already spent are not taken back. Idempotent by key: a retry after a crash completes the work.
   *
   * @param orderId the order
   * @param amount how much, in the order's currency, at most what is not yet refunded
   * @param idempotencyKey the caller's key for this refund
   * @return the order after
   * @throws InvalidStateException when the order is not paid, or has no payment
   * @throws InvalidRequestException when the amount does not fit (another currency, below one minor
   *     unit, more than is left to refund)
   * @throws PaymentGatewayException when the gateway fails; retry with the same key
   * @throws ConflictException when another refund of the same order (another key) is in progress;
   *     refunds of one order are serialised by a lease lock, retry when it is done
   */
  public Order refundOrder(OrderId orderId, Money amount, String idempotencyKey) {
    return payments.refund(orderId, amount, idempotencyKey);
  }

  /**
   * Reads one of the caller's orders.
   *
   * @param orderId the order
   * @param userId the caller, who must be the buyer
   * @return the order
   * @throws NotFoundException when unknown
   * @throws NotAuthorizedException when the caller is not the buyer
   */
  public Order getOrder(OrderId orderId, UserId userId) {
    return orders.owned(orderId, userId);
  }

  /**
   * Reads a user's orders, newest first.
   *
   * @param userId the user
   * @return the orders
   */
  public List<Order> getOrders(UserId userId) {
    return orders.byUser(userId);
  }

  /**
   * The user's balance at the payment processor, when it keeps one.
   *
   * @param userId the user
   * @return the balance, or empty
   */
  public Optional<Money> checkUserBalance(UserId userId) {
    return ctx.gateway.customerBalance(Checks.present(userId, "userId"));
  }

  // ---- balances ----

  /**
   * Per group: the spendable balance, the current period, grants, active holds and subscriptions,
   * as of now. Expired tokens never count, even before a sweep recorded them. Reads only.
   *
   * @param userId the user
   * @return the credits (empty for a new user)
   */
  public UserCredits getUserCredits(UserId userId) {
    return wallets.credits(userId);
  }

  /**
   * Whether the user holds a paid subscription to this offer whose period contains now.
   *
   * @param userId the user
   * @param offerId the subscription offer
   * @return true when subscribed now
   */
  public boolean isUserAlreadySubscribed(UserId userId, OfferId offerId) {
    return wallets.isSubscribed(userId, offerId);
  }

  /**
   * Spends tokens, atomically, earliest-expiring grant first. Never below zero unless an overdraft
   * limit is configured for the group, then never below {@code -limit}. Same idempotency key, same
   * request: the recorded result, spent once. Not enough tokens is a result, not an exception, and
   * records nothing.
   *
   * @param userId the user
   * @param offerGroup the group
   * @param count tokens, at least 1
   * @param idempotencyKey the caller's key, or null
   * @return spent (with the new balance and what was burned) or insufficient
   * @throws InvalidRequestException on a null user, blank group, count below 1, or blank key
   * @throws ConflictException when the key was used for a different request
   */
  public Consumption tokensConsumed(UserId userId, String offerGroup, long count, String idempotencyKey) {
    return wallets.consume(userId, offerGroup, count, idempotencyKey);
  }

  /**
   * Spends tokens without an idempotency key (a retry would spend again).
   *
   * @param userId the user
   * @param offerGroup the group
   * @param count tokens, at least 1
   * @return spent or insufficient
   * @throws InvalidRequestException on bad input
   */
  public Consumption tokensConsumed(UserId userId, String offerGroup, long count) {
    return wallets.consume(userId, offerGroup, count, null);
  }

  /**
   * Grants tokens without an order: a welcome bonus, a goodwill gesture. Recorded as an ADJUSTMENT
   * in the ledger. Idempotent by key.
   *
   * @param userId the user
   * @param offerGroup the group
   * @param tokens tokens, at least 1
   * @param expiresAt when they expire, or null for never
   * @param idempotencyKey required: a retry must not grant twice
   * @return the grant
   * @throws InvalidRequestException on bad input or an expiry not after now
   */
  public Grant grantTokens(UserId userId, String offerGroup, long tokens, Instant expiresAt, String idempotencyKey) {
    return wallets.grant(userId, offerGroup, tokens, expiresAt, idempotencyKey);
  }

  /**
   * Reserves tokens for a long operation. Held tokens are not spendable by anything else; the hold
   * releases itself after {@code ttl}. Holds never use overdraft. With a key, the hold id is derived
   * from it and a retry (even at a later instant) returns the same hold while it is active; once it
   * was captured, released or expired, reusing the key is a {@link ConflictException}.
   *
   * @param userId the user
   * @param offerGroup the group
   * @param amount tokens, at least 1
   * @param ttl how long until it releases itself
   * @param idempotencyKey the caller's key, or null
   * @return held or insufficient
   * @throws InvalidRequestException on bad input
   * @throws ConflictException when the key was used for another request, or for a hold now closed
   */
  public HoldResult holdTokens(UserId userId, String offerGroup, long amount, Duration ttl, String idempotencyKey) {
    return wallets.hold(userId, offerGroup, amount, ttl, idempotencyKey);
  }

  /**
   * Spends {@code amount} (0..held) of an active hold and returns the rest.
   *
   * @param userId the user
   * @param offerGroup the group
   * @param holdId the hold
   * @param amount tokens to spend
   * @param idempotencyKey the caller's key, or null
   * @return what was spent and returned
   * @throws NotFoundException when the hold is not active (unknown, closed, or expired)
   * @throws InvalidRequestException when the amount exceeds the hold
   */
  public HoldSettlement captureHold(UserId userId, String offerGroup, HoldId holdId, long amount,
      String idempotencyKey) {
    return wallets.capture(userId, offerGroup, holdId, amount, idempotencyKey);
  }

  /**
   * Returns all tokens of an active hold.
   *
   * @param userId the user
   * @param offerGroup the group
   * @param holdId the hold
   * @param idempotencyKey the caller's key, or null
   * @return what was returned
   * @throws NotFoundException when the hold is not active
   */
  public HoldSettlement releaseHold(UserId userId, String offerGroup, HoldId holdId, String idempotencyKey) {
    return wallets.release(userId, offerGroup, holdId, idempotencyKey);
  }

  /**
   * A page of a (user, group) ledger, oldest first. Once due expiries are recorded (any write or a
   * sweep does it) the amounts sum to the balance.
   *
   * @param userId the user
   * @param offerGroup the group
   * @param afterSeq entries after this seq (0 from the start)
   * @param limit at most this many, at least 1
   * @return the entries
   */
  public List<LedgerEntry> ledger(UserId userId, String offerGroup, long afterSeq, int limit) {
    return wallets.ledger(userId, offerGroup, afterSeq, limit);
  }

  // ---- expiry ----

  /**
   * Records what has expired for a user (grant ends, hold ends, and pending orders past their
   * window, closed as {@link #sweep} closes them) and returns warnings: groups with tokens expiring
   * within {@code warnBefore}, groups below their low threshold, and every group whose balance is 0
   * or less. Warnings are also published as events.
   *
   * @param userId the user
   * @param warnBefore how far ahead to warn about expiry
   * @param lowThresholds per group, the balance below which to warn (may be empty)
   * @return what was expired and the warnings
   * @throws InvalidRequestException on bad input
   */
  public ExpiryReport checkForExpiredOrders(UserId userId, Duration warnBefore, Map<String, Long> lowThresholds) {
    return expiry.check(userId, warnBefore, lowThresholds);
  }

  /**
   * One sweep pass for all users: records due expiries and hold ends, closes pending orders whose
   * window passed (ticket orders included, which releases their tickets), and completes the grants
   * of paid orders interrupted by a crash. An order's payment is cancelled at the processor before
   * the order closes: an order whose payment succeeded is completed instead, one whose payment is
   * processing waits, and one the processor could not confirm stays pending for a later pass.
   * Idempotent and safe to run on many instances at once.
   *
   * @param limit at most this many wallets and this many orders per pass
   * @return what it did
   */
  public SweepReport sweep(int limit) {
    return expiry.sweep(limit);
  }

  /**
   * A scheduler-friendly sweeper that takes the sweep lease lock for each pass.
   *
   * @param instanceId this application instance's id (the lock holder)
   * @param batch wallets and orders per pass
   * @return the sweeper
   */
  public Sweeper sweeper(String instanceId, int batch) {
    return new Sweeper(this, instanceId, batch);
  }

  /**
   * Named lease locks on the configured store.
   *
   * @return the locks
   */
  public LeaseLocks locks() {
    return locks;
  }

  /**
   * The ticket-lock / order-expiry module on the same store, gateway, events, clock and sweep: list
   * tickets, reserve one for the {@linkplain Builder#reservationWindow reservation window}, pay for
   * it. Its methods need a store that keeps tickets ({@link CreditsStore#tickets()}).
   *
   * @return the ticket module
   */
  public Tickets tickets() {
    return tickets;
  }

  /**
   * The clock the library reads time from.
   *
   * @return the clock
   */
  public Clock clock() {
    return ctx.clock;
  }

  /**
   * Builds {@link Credits}. Each setting may be given once (a second call is a mistake and throws).
   * Not thread-safe.
   */
  public static final class Builder {
    /** Days an order waits, by default, for a payment that is processing at the processor. */
    public static final int DEFAULT_PROCESSING_DAYS = 14;

    private CreditsStore store;
    private PaymentGateway gateway;
    private EventPublisher events;
    private Clock clock;
    private Duration paymentWindow;
    private Duration reservationWindow;
    private Supplier<String> ids;
    private Duration processingLimit;
    private final Map<String, Long> overdraft = new HashMap<>();
    private final Map<OfferKind, LatePaymentPolicy> latePayments = new EnumMap<>(OfferKind.class);

    private Builder() {}

    private static <T> T once(T current, T value, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set");
      }
      return java.util.Objects.requireNonNull(value, what + " == null");
    }

    /**
     * Sets the store (default: a new {@link InMemoryCreditsStore}).
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(CreditsStore store) {
      this.store = once(this.store, store, "store");
      return this;
    }

    /**
     * Sets the payment gateway (default: {@link SimulatedPaymentGateway}).
     *
     * @param gateway the gateway
     * @return this builder
     */
    public Builder gateway(PaymentGateway gateway) {
      this.gateway = once(this.gateway, gateway, "gateway");
      return this;
    }

    /**
     * Sets the event publisher (default: a new {@link InProcessEventBus} with no subscribers).
     *
     * @param events the publisher
     * @return this builder
     */
    public Builder events(EventPublisher events) {
      this.events = once(this.events, events, "events");
      return this;
    }

    /**
     * Sets the clock (default: {@link Clock#systemUTC()}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = once(this.clock, clock, "clock");
      return this;
    }

    /**
     * Sets how long a pending order waits for payment (default 30 minutes).
     *
     * @param window a positive duration
     * @return this builder
     */
    public Builder paymentWindow(Duration window) {
      this.paymentWindow = once(this.paymentWindow, window, "paymentWindow");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("paymentWindow must be positive, was " + window);
      }
      return this;
    }

    /**
     * Sets how long a ticket reservation holds before its order expires (default 15 minutes).
     *
     * @param window a positive duration
     * @return this builder
     */
    public Builder reservationWindow(Duration window) {
      this.reservationWindow = once(this.reservationWindow, window, "reservationWindow");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("reservationWindow must be positive, was " + window);
      }
      return this;
    }

    /**
     * Sets how new ids are made (default: random UUIDs). For deterministic tests.
     *
     * @param ids a supplier of unique strings
     * @return this builder
     */
    public Builder ids(Supplier<String> ids) {
      this.ids = once(this.ids, ids, "ids");
      return this;
    }

    /**
     * Allows post-paid spending in a group down to {@code -limit}; later grants repay the debt first.
     *
     * @param offerGroup the group
     * @param limit tokens, at least 1
     * @return this builder
     */
    public Builder overdraft(String offerGroup, long limit) {
      Checks.text(offerGroup, "offerGroup");
      Checks.positive(limit, "overdraft limit");
      if (overdraft.putIfAbsent(offerGroup, limit) != null) {
        throw new IllegalStateException("overdraft for " + offerGroup + " was already set");
      }
      return this;
    }

    /**
     * Sets how long, from its creation, an order whose payment is still processing at the processor
     * (a SEPA or ACH debit) waits for the outcome before it closes anyway (default
     * {@value #DEFAULT_PROCESSING_DAYS} days). Money that arrives after that is late money, handled by
     * the {@link #latePayment late-payment policy}.
     *
     * @param limit a positive duration
     * @return this builder
     */
    public Builder processingLimit(Duration limit) {
      this.processingLimit = once(this.processingLimit, limit, "processingLimit");
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("processingLimit must be positive, was " + limit);
      }
      return this;
    }

    /**
     * Sets what is done with money collected after an order of this offer kind closed (default
     * {@link LatePaymentPolicy#GRANT} for every kind). Ticket orders always refund late money: their
     * ticket may have been sold to someone else meanwhile.
     *
     * @param kind the offer kind
     * @param policy grant or refund
     * @return this builder
     */
    public Builder latePayment(OfferKind kind, LatePaymentPolicy policy) {
      java.util.Objects.requireNonNull(kind, "kind == null");
      java.util.Objects.requireNonNull(policy, "policy == null");
      if (latePayments.putIfAbsent(kind, policy) != null) {
        throw new IllegalStateException("late-payment policy for " + kind + " was already set");
      }
      return this;
    }

    /**
     * Builds the facade.
     *
     * @return the facade
     */
    public Credits build() {
      return new Credits(new Context(
          store != null ? store : new InMemoryCreditsStore(),
          gateway != null ? gateway : new SimulatedPaymentGateway(),
          events != null ? events : new InProcessEventBus(),
          clock != null ? clock : Clock.systemUTC(),
          paymentWindow != null ? paymentWindow : Duration.ofMinutes(30),
          reservationWindow != null ? reservationWindow : Tickets.DEFAULT_RESERVATION_WINDOW,
          overdraft, ids, processingLimit != null ? processingLimit : Duration.ofDays(DEFAULT_PROCESSING_DAYS),
          latePayments));
    }
  }
}

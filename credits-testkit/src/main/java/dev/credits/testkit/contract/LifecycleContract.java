package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Catalogs.ALICE;
import static dev.credits.testkit.contract.Catalogs.CHAT;
import static dev.credits.testkit.contract.Catalogs.balance;
import static dev.credits.testkit.contract.Catalogs.buy;
import static dev.credits.testkit.contract.Catalogs.chatPack;
import static dev.credits.testkit.contract.Catalogs.onlyGrant;
import static dev.credits.testkit.contract.Catalogs.save;
import static dev.credits.testkit.contract.Catalogs.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.Credits;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.LatePaymentPolicy;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Money;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.Refund;
import dev.credits.core.model.WebhookAction;
import dev.credits.core.model.WebhookOutcome;
import dev.credits.core.ticket.Ticket;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.ForwardingPaymentGateway;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contract section on the payment lifecycle as processors run it: declined attempts and retries,
 * closing that cancels the payment first, processing debits, late money, disputes, failed refunds,
 * one payment per order, reopened payments and amounts a processor cannot charge. Every test ends
 * with money and tokens agreeing.
 */
public abstract class LifecycleContract extends ContractSection {
  private static final Money FIVE_USD = Money.ofMinor(500, "USD");

  /** Creates the section. */
  protected LifecycleContract() {}

  private Credits credits() {
    return f.credits();
  }

  private FakePaymentGateway gateway() {
    return f.gateway();
  }

  private WebhookOutcome deliver(FakePaymentGateway.Webhook hook) {
    return credits().handleWebhook(hook.payload(), hook.headers());
  }

  private Order startedPack() {
    save(credits(), chatPack());
    return started(f, chatPack().id(), ALICE, 1);
  }

  private Order order(Order o) {
    return credits().getOrder(o.id(), ALICE);
  }

  /** A facade over the same store, gateway, clock and events, built with other options. */
  private Credits.Builder sameWorld() {
    return sameWorld(f.store());
  }

  private Credits.Builder sameWorld(dev.credits.core.spi.CreditsStore store) {
    return Credits.builder().store(store).gateway(gateway()).events(f.events()).clock(f.clock())
        .paymentWindow(CreditsFixture.PAYMENT_WINDOW);
  }

  /**
   * A facade over the same world whose store runs {@code step} just before the first reversal (a
   * {@code Reverse} wallet command) reaches it: another delivery applied in between, or a crash.
   */
  private Credits beforeFirstReversal(Runnable step) {
    java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
    return sameWorld(new dev.credits.testkit.ForwardingCreditsStore(f.store()) {
      @Override
      public dev.credits.core.spi.WalletStore wallets() {
        return new dev.credits.testkit.ForwardingWalletStore(super.wallets()) {
          @Override
          public <R> dev.credits.core.spi.Executed<R> run(dev.credits.core.spi.WalletCommand<R> command,
              java.time.Instant now) {
            if (command instanceof dev.credits.core.spi.WalletCommand.Reverse && first.compareAndSet(true, false)) {
              step.run();
            }
            return super.run(command, now);
          }
        };
      }
    }).build();
  }

  /** Money and tokens agree: every ledger of the group sums to its balance, and the order nets what it should. */
  private void agrees(Order o, long expectedTokensLeft) {
    Order now = order(o);
    List<LedgerEntry> ledger = credits().ledger(ALICE, CHAT, 0, 1_000);
    assertThat(ledger.stream().mapToLong(LedgerEntry::amount).sum()).as("ledger sums to the balance")
        .isEqualTo(balance(f, ALICE, CHAT));
    assertThat(balance(f, ALICE, CHAT)).as("tokens left").isEqualTo(expectedTokensLeft);
    if (now.netCollected().isZero()) {
      assertThat(credits().getUserCredits(ALICE).group(CHAT).map(g -> g.grants().stream()
          .filter(x -> now.id().equals(x.orderId()) && x.state() == GrantState.ACTIVE).mapToLong(x -> x.remaining())
          .sum()).orElse(0L)).as("no money kept, no tokens left from the order").isZero();
    }
  }

  // ---- 1. a declined attempt is an attempt ----

  @Test
  @DisplayName("1. a declined attempt (webhook) keeps the order payable; the retry with another card pays it once")
  void declineThenRetry() {
    Order order = startedPack();

    FakePaymentGateway.Webhook failed = gateway().event("evt_fail", PaymentEventType.PAYMENT_FAILED, order.id(),
        order.payment().reference(), null, null, "card_declined", f.clock().instant());
    assertThat(deliver(failed).order().status()).isEqualTo(OrderStatus.PENDING);
    assertThat(deliver(failed).action()).isEqualTo(WebhookAction.DUPLICATE);
    gateway().declineAttempt(order.id(), "card_declined");
    assertThat(credits().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PENDING);

    gateway().pay(order.id());
    assertThat(deliver(gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD)).order().status())
        .isEqualTo(OrderStatus.PAID);

    // The webhook and the confirm saw the same declined attempt: it is recorded and published once.
    assertThat(f.events().of(CreditsEvent.PaymentAttemptFailed.class)).hasSize(1);
    assertThat(order(order).history()).extracting(h -> h.reason()).anyMatch(r -> r.endsWith("card_declined"));
    assertThat(f.events().of(CreditsEvent.OrderPaid.class)).hasSize(1);
    agrees(order, 100);
  }

  // ---- 2. closing closes the payment first ----

  @Test
  @DisplayName("2. cancelling an order cancels its payment at the processor: the customer can no longer pay it")
  void cancelClosesPayment() {
    Order order = startedPack();

    assertThat(credits().cancelOrder(order.id(), ALICE).status()).isEqualTo(OrderStatus.CANCELLED);

    assertThat(gateway().inspect(order.payment().reference())).isInstanceOf(PaymentStatus.Canceled.class);
    gateway().pay(order.id()); // too late: the payment is cancelled
    assertThat(credits().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.CANCELLED);
    agrees(order, 0);
  }

  @Test
  @DisplayName("2. a cancel that loses the race against the customer's payment completes the order instead")
  void cancelRacingSuccessCompletes() {
    Order order = startedPack();
    gateway().payDuringCancel(order.id());

    assertThatThrownBy(() -> credits().cancelOrder(order.id(), ALICE)).isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("PAID");

    assertThat(order(order).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.events().of(CreditsEvent.OrderClosed.class)).isEmpty();
    agrees(order, 100);
  }

  @Test
  @DisplayName("2. late money for a closed order is granted by default, with a LatePayment event and history")
  void lateMoneyGranted() {
    Order order = startedPack();
    f.clock().set(order.paymentDeadline());
    credits().sweep(100);
    assertThat(order(order).status()).isEqualTo(OrderStatus.EXPIRED);

    // The processor reports a success anyway (e.g. a payment that could not be cancelled in time).
    WebhookOutcome late = deliver(gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD));
    deliver(gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD));

    assertThat(late.order().status()).isEqualTo(OrderStatus.PAID);
    assertThat(late.order().history()).extracting(h -> h.reason()).anyMatch(r -> r.startsWith("late payment"));
    assertThat(f.events().of(CreditsEvent.LatePayment.class)).singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo(CreditsEvent.LateAction.GRANTED));
    agrees(order, 100);
  }

  @Test
  @DisplayName("2. with the REFUND policy late money is refunded through the gateway, once, and grants nothing")
  void lateMoneyRefunded() {
    Credits refunding = sameWorld().latePayment(OfferKind.TOKENS, LatePaymentPolicy.REFUND).build();
    save(refunding, chatPack());
    Order order = refunding.createOrder(chatPack().id(), ALICE, 1);
    refunding.startPayment(order.id(), ALICE);
    refunding.cancelOrder(order.id(), ALICE);
    FakePaymentGateway.Webhook late = gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD);

    Order after = refunding.handleWebhook(late.payload(), late.headers()).order();
    FakePaymentGateway.Webhook again = gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD);
    refunding.handleWebhook(again.payload(), again.headers()); // another event for the same money

    assertThat(after.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(after.netCollected().isZero()).isTrue();
    assertThat(gateway().refundsMade()).isEqualTo(1);
    assertThat(f.events().of(CreditsEvent.LatePayment.class)).singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo(CreditsEvent.LateAction.REFUNDED));
    agrees(order, 0);
  }

  @Test
  @DisplayName("2. late money for a ticket order is refunded (the ticket may be sold again), whatever the policy")
  void lateTicketMoneyRefunded() {
    Ticket ticket = credits().tickets().create(Catalogs.BOB, "Row A", FIVE_USD);
    Order order = credits().tickets().reserve(ticket.id(), ALICE);
    credits().tickets().pay(order.id(), ALICE);
    f.clock().set(order.paymentDeadline());
    credits().sweep(100);

    Order after = deliver(gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD)).order();

    assertThat(after.status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(after.refunds()).extracting(Refund::amount).containsExactly(FIVE_USD);
    assertThat(credits().tickets().get(ticket.id()).isReservedAt(f.clock().instant())).isFalse();
    assertThat(gateway().refundsMade()).isEqualTo(1);
  }

  // ---- 3. processing payments outlive the window ----

  @Test
  @DisplayName("3. a debit still processing when the window ends makes the order wait; its later success pays it")
  void processingWaits() {
    Order order = startedPack();
    gateway().startProcessing(order.id());
    f.clock().set(order.paymentDeadline());

    credits().sweep(100);
    assertThat(order(order).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order(order).paymentDeadline()).isAfter(order.paymentDeadline());
    assertThatThrownBy(() -> credits().cancelOrder(order.id(), ALICE)).isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("processing");
    f.clock().advance(Duration.ofDays(3));
    credits().sweep(100);
    assertThat(order(order).status()).isEqualTo(OrderStatus.PENDING);

    gateway().pay(order.id());
    deliver(gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD));

    assertThat(order(order).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.events().of(CreditsEvent.PaymentProcessing.class)).hasSize(1);
    agrees(order, 100);
  }

  @Test
  @DisplayName("3. an order waits for a processing debit at most the processing limit, then closes; later money is late money")
  void processingLimit() {
    Order order = startedPack();
    gateway().startProcessing(order.id());
    f.clock().set(order.createdAt().plus(Duration.ofDays(Credits.Builder.DEFAULT_PROCESSING_DAYS)));

    credits().sweep(100);
    credits().sweep(100);
    assertThat(order(order).status()).isEqualTo(OrderStatus.EXPIRED);

    gateway().pay(order.id());
    deliver(gateway().webhook(PaymentEventType.PAYMENT_SUCCEEDED, order.id(), FIVE_USD));
    assertThat(order(order).status()).isEqualTo(OrderStatus.PAID);
    agrees(order, 100);
  }

  // ---- 4. disputes ----

  @Test
  @DisplayName("4. a dispute freezes the order's unspent tokens; won, they are spendable again")
  void disputeWon() {
    save(credits(), chatPack());
    Order order = buy(f, chatPack(), ALICE);
    credits().tokensConsumed(ALICE, CHAT, 30, "spend-1");

    deliver(gateway().event(PaymentEventType.DISPUTE_CREATED, order.id(), FIVE_USD, "dp_1"));
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(onlyGrant(f, ALICE, CHAT).state()).isEqualTo(GrantState.FROZEN);
    assertThat(credits().tokensConsumed(ALICE, CHAT, 1, "spend-2")).isInstanceOf(Consumption.Insufficient.class);

    deliver(gateway().event(PaymentEventType.DISPUTE_WON, order.id(), FIVE_USD, "dp_1"));

    assertThat(onlyGrant(f, ALICE, CHAT).state()).isEqualTo(GrantState.ACTIVE);
    assertThat(f.events().of(CreditsEvent.DisputeOpened.class)).singleElement()
        .satisfies(e -> assertThat(e.tokensFrozen()).isEqualTo(70));
    assertThat(f.events().of(CreditsEvent.DisputeWon.class)).singleElement()
        .satisfies(e -> assertThat(e.tokensReleased()).isEqualTo(70));
    agrees(order, 70);
  }

  @Test
  @DisplayName("4. a lost dispute reverses the order like a full refund and reports what was already spent")
  void disputeLost() {
    save(credits(), chatPack());
    Order order = buy(f, chatPack(), ALICE);
    credits().tokensConsumed(ALICE, CHAT, 30, "spend-1");

    deliver(gateway().event(PaymentEventType.DISPUTE_CREATED, order.id(), FIVE_USD, "dp_1"));
    deliver(gateway().event(PaymentEventType.DISPUTE_LOST, order.id(), FIVE_USD, "dp_1"));
    deliver(gateway().event(PaymentEventType.DISPUTE_LOST, order.id(), FIVE_USD, "dp_1")); // another delivery

    Order after = order(order);
    assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(after.netCollected().isZero()).isTrue();
    assertThat(onlyGrant(f, ALICE, CHAT).state()).isEqualTo(GrantState.REVOKED);
    assertThat(f.events().of(CreditsEvent.DisputeLost.class)).singleElement().satisfies(e -> {
      assertThat(e.tokensReversed()).isEqualTo(70);
      assertThat(e.tokensNotRecovered()).isEqualTo(30);
      assertThat(e.tokensCharged()).as("a group without overdraft is never charged").isZero();
    });
    agrees(order, 0);
  }

  @Test
  @DisplayName("4. in a group with an overdraft, what a lost dispute could not take back is charged, down to the limit")
  void disputeLostInOverdraftGroup() {
    dev.credits.core.model.Offer postpaid = Catalogs.pack("postpaid-pack", CreditsFixture.POSTPAID, "5.00", 100);
    save(credits(), postpaid);
    Order order = buy(f, postpaid, ALICE);
    credits().tokensConsumed(ALICE, CreditsFixture.POSTPAID, 80, "spend-1");

    deliver(gateway().event(PaymentEventType.DISPUTE_LOST, order.id(), FIVE_USD, "dp_9"));
    deliver(gateway().event(PaymentEventType.DISPUTE_LOST, order.id(), FIVE_USD, "dp_9"));

    assertThat(f.events().of(CreditsEvent.DisputeLost.class)).singleElement().satisfies(e -> {
      assertThat(e.tokensReversed()).isEqualTo(20);
      assertThat(e.tokensNotRecovered()).isEqualTo(80);
      assertThat(e.tokensCharged()).isEqualTo(CreditsFixture.OVERDRAFT_LIMIT);
    });
    assertThat(balance(f, ALICE, CreditsFixture.POSTPAID)).isEqualTo(-CreditsFixture.OVERDRAFT_LIMIT);
  }

  @Test
  @DisplayName("4. dispute steps delivered out of order: 'lost' before 'opened' never freezes afterwards")
  void disputeOutOfOrder() {
    save(credits(), chatPack());
    Order order = buy(f, chatPack(), ALICE);
    Order pending = startedPack();

    assertThat(deliver(gateway().event(PaymentEventType.DISPUTE_CREATED, pending.id(), FIVE_USD, "dp_0")).action())
        .as("a dispute of a payment not applied yet waits for it").isEqualTo(WebhookAction.DEFERRED);
    deliver(gateway().event(PaymentEventType.DISPUTE_WON, order.id(), FIVE_USD, "dp_1"));
    deliver(gateway().event(PaymentEventType.DISPUTE_CREATED, order.id(), FIVE_USD, "dp_1"));

    assertThat(onlyGrant(f, ALICE, CHAT).state()).isEqualTo(GrantState.ACTIVE);
    assertThat(f.events().of(CreditsEvent.DisputeOpened.class)).isEmpty();
    agrees(order, 100);
  }

  @Test
  @DisplayName("4. a dispute lost while a refund of the same money was pending still counts when that refund fails")
  void disputeLostThenRefundFails() {
    save(credits(), chatPack());
    Order order = buy(f, chatPack(), ALICE);
    String refundId = credits().refundOrder(order.id(), FIVE_USD, "refund-1").refunds().get(0).id();

    deliver(gateway().event(PaymentEventType.DISPUTE_LOST, order.id(), FIVE_USD, "dp_3"));
    deliver(gateway().event(PaymentEventType.REFUND_FAILED, order.id(), FIVE_USD, refundId));

    Order after = order(order);
    assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(after.netCollected().isZero()).as("the bank took the money the failed refund kept").isTrue();
    assertThat(onlyGrant(f, ALICE, CHAT).state()).isEqualTo(GrantState.REVOKED);
    agrees(order, 0);
  }

  @Test
  @DisplayName("4. a dispute lost while a refund is on its way to the processor never hides that refund")
  void disputeLostDuringRefund() {
    dev.credits.core.model.Offer ten = Catalogs.pack("ten", CHAT, "10.00", 100);
    save(credits(), ten);
    Order order = buy(f, ten, ALICE);
    Credits interposed = PaymentDoubles.withGateway(f, new PaymentDoubles.Interposed(gateway(),
        () -> deliver(gateway().event(PaymentEventType.DISPUTE_LOST, order.id(), Money.ofMinor(750, "USD"), "dp_4"))));

    interposed.refundOrder(order.id(), Money.ofMinor(250, "USD"), "refund-1");

    Order after = order(order);
    assertThat(after.refunded()).isEqualTo(Money.ofMinor(1_000, "USD"));
    assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(after.netCollected().isZero()).isTrue();
    agrees(order, 0);
  }

  // ---- 5. refunds that fail ----

  @Test
  @DisplayName("5. a refund that fails at the processor restores exactly the tokens it reversed, once")
  void refundFails() {
    save(credits(), chatPack());
    Order order = buy(f, chatPack(), ALICE);
    credits().tokensConsumed(ALICE, CHAT, 20, "spend-1");
    Order refunded = credits().refundOrder(order.id(), FIVE_USD, "refund-1");
    assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(balance(f, ALICE, CHAT)).isZero();
    String refundId = refunded.refunds().get(0).id();

    deliver(gateway().event(PaymentEventType.REFUND_FAILED, order.id(), FIVE_USD, refundId));
    deliver(gateway().event(PaymentEventType.REFUND_FAILED, order.id(), FIVE_USD, refundId));

    Order after = order(order);
    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(after.refunded().isZero()).isTrue();
    assertThat(f.events().of(CreditsEvent.RefundFailed.class)).singleElement()
        .satisfies(e -> assertThat(e.tokensRestored()).isEqualTo(80));
    assertThat(credits().ledger(ALICE, CHAT, 0, 100)).filteredOn(e -> e.type() == LedgerEntryType.REFUND_FAILED)
        .singleElement().satisfies(e -> assertThat(e.amount()).isEqualTo(80));
    agrees(order, 80);
  }

  @Test
  @DisplayName("5. a failure that arrives before its refund is reported keeps the refund from ever counting")
  void refundFailureFirst() {
    save(credits(), chatPack());
    Order order = buy(f, chatPack(), ALICE);

    deliver(gateway().event(PaymentEventType.REFUND_FAILED, order.id(), FIVE_USD, "re_dash_1"));
    deliver(gateway().event(PaymentEventType.REFUNDED, order.id(), FIVE_USD, "re_dash_1"));

    assertThat(order(order).status()).isEqualTo(OrderStatus.PAID);
    assertThat(order(order).refunded().isZero()).isTrue();
    agrees(order, 100);
  }

  @Test
  @DisplayName("5. a refund whose reversal runs after its own failure was applied still ends with the tokens restored")
  void refundRacingItsFailure() {
    save(credits(), chatPack());
    Order order = buy(f, chatPack(), ALICE);
    java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
    // The refund's reversal is held back until the processor's failure report has been applied in full.
    Credits slow = beforeFirstReversal(() -> {
      once.set(true);
      String refundId = credits().getOrder(order.id(), ALICE).refunds().get(0).id();
      deliver(gateway().event(PaymentEventType.REFUND_FAILED, order.id(), FIVE_USD, refundId));
    });

    slow.refundOrder(order.id(), FIVE_USD, "refund-1");

    assertThat(once).isTrue();
    assertThat(order(order).status()).isEqualTo(OrderStatus.PAID);
    assertThat(onlyGrant(f, ALICE, CHAT).state()).isEqualTo(GrantState.ACTIVE);
    agrees(order, 100);
  }

  @Test
  @DisplayName("5. a refund notification redelivered after a crash between its record and its reversal reverses once")
  void notifiedRefundRecoversFromCrash() {
    save(credits(), chatPack());
    Order order = buy(f, chatPack(), ALICE);
    Credits crashing = beforeFirstReversal(() -> {
      throw new dev.credits.core.StoreUnavailableException("connection lost");
    });
    FakePaymentGateway.Webhook refunded = gateway().event(PaymentEventType.REFUNDED, order.id(),
        Money.ofMinor(250, "USD"), "re_dash_7");

    assertThatThrownBy(() -> crashing.handleWebhook(refunded.payload(), refunded.headers()))
        .isInstanceOf(dev.credits.core.StoreUnavailableException.class);
    crashing.handleWebhook(refunded.payload(), refunded.headers()); // the processor delivers it again
    crashing.handleWebhook(refunded.payload(), refunded.headers());

    assertThat(order(order).refunded()).isEqualTo(Money.ofMinor(250, "USD"));
    assertThat(onlyGrant(f, ALICE, CHAT).reversed()).isEqualTo(50);
    agrees(order, 50);
  }

  // ---- 6. one payment, one order ----

  @Test
  @DisplayName("6. a payment event naming another order's payment makes the order INCONSISTENT and grants nothing")
  void foreignPayment() {
    Order mine = startedPack();
    Order other = started(f, chatPack().id(), ALICE, 1);

    WebhookOutcome outcome = deliver(gateway().event("evt_x", PaymentEventType.PAYMENT_SUCCEEDED, mine.id(),
        other.payment().reference(), FIVE_USD, null, null, f.clock().instant()));

    assertThat(outcome.order().status()).isEqualTo(OrderStatus.INCONSISTENT);
    assertThat(outcome.order().history()).last().extracting(h -> h.reason()).asString()
        .contains(other.payment().reference()).contains(mine.payment().reference());
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(credits().confirmPayment(other.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  // ---- 7. the open payment is reused ----

  @Test
  @DisplayName("7. startPayment after the processor's idempotency window returns the open payment, not a second one")
  void reopenAfterIdempotencyWindow() {
    Order order = startedPack();
    gateway().forgetIdempotencyKeys();
    f.clock().advance(Duration.ofMinutes(20));

    PaymentIntent again = credits().startPayment(order.id(), ALICE);

    assertThat(again.reference()).isEqualTo(order.payment().reference());
    assertThat(gateway().intentsCreated()).isEqualTo(1);
  }

  @Test
  @DisplayName("7. a payment closed at the processor is replaced, and the order keeps the history of both")
  void replaceClosedPayment() {
    Order order = startedPack();
    gateway().cancel(order.payment().reference()); // e.g. cancelled from the processor's dashboard

    PaymentIntent second = credits().startPayment(order.id(), ALICE);

    assertThat(second.reference()).isNotEqualTo(order.payment().reference());
    Order now = order(order);
    assertThat(now.payment().reference()).isEqualTo(second.reference());
    assertThat(now.history()).extracting(h -> h.reason())
        .anyMatch(r -> r.contains(order.payment().reference()) && r.contains(second.reference()));
    assertThat(credits().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    agrees(order, 100);
  }

  // ---- 8. amounts a processor cannot charge ----

  @Test
  @DisplayName("8. an amount the gateway cannot collect is refused at createOrder, before anything is written")
  void uncollectableAmountRefused() {
    Credits strict = Credits.builder().store(f.store()).clock(f.clock()).events(f.events())
        .gateway(new ForwardingPaymentGateway(gateway()) {
          @Override
          public void checkAmount(Money amount) {
            if (amount.minor() % 1_000 != 0) {
              throw new InvalidRequestException(amount + " must be a whole ten");
            }
          }
        }).build();
    save(strict, chatPack());

    assertThatThrownBy(() -> strict.createOrder(chatPack().id(), ALICE, 1)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("whole ten");
    assertThat(strict.getOrders(ALICE)).isEmpty();
    assertThat(f.events().of(CreditsEvent.OrderCreated.class)).isEmpty();
    assertThat(strict.createOrder(chatPack().id(), ALICE, 2).total()).isEqualTo(Money.ofMinor(1_000, "USD"));
  }
}

package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Wallets.ALICE;
import static dev.credits.testkit.contract.Wallets.BOB;
import static dev.credits.testkit.contract.Wallets.CHAT;
import static dev.credits.testkit.contract.Wallets.IMAGES;
import static dev.credits.testkit.contract.Wallets.assertLedgerMatchesBalance;
import static dev.credits.testkit.contract.Wallets.balance;
import static dev.credits.testkit.contract.Wallets.concurrently;
import static dev.credits.testkit.contract.Wallets.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.Sweeper;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.ExpiryReport;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.SweepReport;
import dev.credits.core.model.UserId;
import dev.credits.core.model.Warning;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on expiry: recorded expiries, warnings, the sweep. */
public abstract class ExpiryContract extends ContractSection {
  private static final Duration WEEK = Duration.ofDays(7);
  private static final OfferId PACK = OfferId.of("expiry-pack");

  /** Creates the section. */
  protected ExpiryContract() {}

  private Instant in(Duration d) {
    return f.clock().instant().plus(d);
  }

  private ExpiryReport check(UserId user, Duration warnBefore, Map<String, Long> thresholds) {
    return f.credits().checkForExpiredOrders(user, warnBefore, thresholds);
  }

  private Order pendingOrder(UserId user) {
    if (f.store().offers().find(PACK).isEmpty()) {
      f.credits().saveOffer(Offer.builder(PACK.value(), "50 chat tokens").group(CHAT).price("10.00", "USD")
          .tokens(50).build());
    }
    return f.credits().createOrder(PACK, user, 1);
  }

  @Test
  @DisplayName("checkForExpiredOrders records an EXPIRE entry for each ended period, dated at the grant's end, once")
  void recordsEndedPeriods() {
    Instant end1 = in(Duration.ofHours(1));
    Instant end2 = in(Duration.ofHours(2));
    f.credits().grantTokens(ALICE, CHAT, 10, end1, "one");
    f.credits().grantTokens(ALICE, CHAT, 20, end2, "two");
    f.credits().grantTokens(ALICE, CHAT, 5, null, "forever");
    f.clock().advance(Duration.ofHours(3));
    ExpiryReport report = check(ALICE, Duration.ZERO, Map.of());
    assertThat(report.expired()).extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::at)
        .containsExactly(tuple(LedgerEntryType.EXPIRE, -10L, end1), tuple(LedgerEntryType.EXPIRE, -20L, end2));
    assertThat(report.expiredOrders()).isEmpty();
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(5);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertThat(check(ALICE, Duration.ZERO, Map.of()).expired()).as("a second check records nothing").isEmpty();
    assertThat(ledger(f, ALICE, CHAT)).hasSize(5);
  }

  @Test
  @DisplayName("a monthly subscription bought on Jan 31 expires on Feb 28 and its rest is recorded then")
  void subscriptionPeriodEnds() {
    Order order = Wallets.buyPaid(f, ALICE, CHAT, 100, Cycle.MONTHLY);
    f.credits().tokensConsumed(ALICE, CHAT, 30);
    Instant end = Instant.parse("2026-02-28T10:00:00Z");
    assertThat(f.credits().isUserAlreadySubscribed(ALICE, order.offerId())).isTrue();
    f.clock().set(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(f.credits().isUserAlreadySubscribed(ALICE, order.offerId())).isFalse();
    ExpiryReport report = check(ALICE, WEEK, Map.of());
    assertThat(report.expired()).extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::at,
        LedgerEntry::orderId).containsExactly(tuple(LedgerEntryType.EXPIRE, -70L, end, order.id().value()));
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("chained periods: the next GRANT is dated at its start, each EXPIRE at its period's end")
  void chainedPeriods() {
    OfferId monthly = OfferId.of("chained-monthly");
    f.credits().saveOffer(Offer.builder(monthly.value(), "Chat, monthly").kind(OfferKind.SUBSCRIPTION).group(CHAT)
        .price("10.00", "USD").tokens(100).cycle(Cycle.MONTHLY).appendDate(true).build());
    for (int i = 0; i < 2; i++) {
      Order o = f.credits().createOrder(monthly, ALICE, 1);
      f.credits().startPayment(o.id(), ALICE);
      assertThat(f.credits().confirmPayment(o.id(), ALICE).granted()).isTrue();
    }
    Instant firstEnd = Instant.parse("2026-02-28T10:00:00Z");
    Instant secondEnd = Instant.parse("2026-03-28T10:00:00Z");
    assertThat(balance(f, ALICE, CHAT)).as("the second period has not started").isEqualTo(100);
    f.credits().tokensConsumed(ALICE, CHAT, 30);
    assertThat(check(ALICE, Duration.ofDays(30), Map.of()).warnings())
        .containsExactly(new Warning.Expiring(CHAT, 70, firstEnd));
    f.clock().set(firstEnd.plusSeconds(1));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
    ExpiryReport report = check(ALICE, Duration.ZERO, Map.of());
    assertThat(report.expired()).extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::at)
        .containsExactly(tuple(LedgerEntryType.GRANT, 100L, firstEnd), tuple(LedgerEntryType.EXPIRE, -70L, firstEnd));
    assertLedgerMatchesBalance(f, ALICE, CHAT);
    f.clock().set(secondEnd);
    f.credits().sweep(10);
    assertThat(balance(f, ALICE, CHAT)).isZero();
    List<LedgerEntry> l = assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertThat(l.get(l.size() - 1)).extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::at)
        .containsExactly(LedgerEntryType.EXPIRE, -100L, secondEnd);
  }

  @Test
  @DisplayName("checkForExpiredOrders expires the user's unpaid orders once their payment window has passed")
  void expiresUnpaidOrders() {
    Order pending = pendingOrder(ALICE);
    Order other = pendingOrder(BOB);
    Order paid = Wallets.buyPaid(f, ALICE, IMAGES, 10, Cycle.ONCE);
    f.clock().advance(CreditsFixture.PAYMENT_WINDOW.minusSeconds(1));
    assertThat(check(ALICE, Duration.ZERO, Map.of()).expiredOrders()).isEmpty();
    f.clock().advance(Duration.ofSeconds(1));
    ExpiryReport report = check(ALICE, Duration.ZERO, Map.of());
    assertThat(report.expiredOrders()).extracting(Order::id).containsExactly(pending.id());
    assertThat(report.expiredOrders().get(0).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(f.credits().getOrder(pending.id(), ALICE).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(f.credits().getOrder(paid.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.credits().getOrder(other.id(), BOB).status()).as("another user's order is not touched")
        .isEqualTo(OrderStatus.PENDING);
    assertThat(check(ALICE, Duration.ZERO, Map.of()).expiredOrders()).as("expired once").isEmpty();
  }

  @Test
  @DisplayName("warns about groups with tokens expiring within warnBefore, and only those")
  void warnsAboutExpiringGroups() {
    Instant soon = in(Duration.ofDays(3));
    f.credits().grantTokens(ALICE, CHAT, 10, soon, "soon");
    f.credits().grantTokens(ALICE, CHAT, 15, in(Duration.ofDays(5)), "later");
    f.credits().grantTokens(ALICE, CHAT, 100, null, "forever");
    f.credits().grantTokens(ALICE, IMAGES, 10, in(Duration.ofDays(10)), "far");
    f.credits().tokensConsumed(ALICE, CHAT, 4);
    ExpiryReport report = check(ALICE, WEEK, Map.of());
    assertThat(report.warnings()).containsExactly(new Warning.Expiring(CHAT, 6 + 15, soon));
    assertThat(f.events().of(CreditsEvent.CreditsExpiring.class)).extracting(CreditsEvent.CreditsExpiring::offerGroup,
        CreditsEvent.CreditsExpiring::tokens).containsExactly(tuple(CHAT, 21L));
    assertThat(check(ALICE, Duration.ofDays(4), Map.of()).warnings())
        .containsExactly(new Warning.Expiring(CHAT, 6, soon));
    assertThat(check(ALICE, Duration.ofDays(2), Map.of()).warnings()).isEmpty();
  }

  @Test
  @DisplayName("warns about groups below their threshold; a balance of 0 always counts as low")
  void warnsAboutLowGroups() {
    f.credits().grantTokens(ALICE, CHAT, 50, null, "chat");
    f.credits().grantTokens(ALICE, IMAGES, 200, null, "images");
    f.credits().grantTokens(ALICE, "docs", 5, null, "docs");
    f.credits().tokensConsumed(ALICE, "docs", 5);
    Map<String, Long> thresholds = new HashMap<>();
    thresholds.put(CHAT, 100L);
    thresholds.put(IMAGES, 100L);
    thresholds.put("video", 10L);
    ExpiryReport report = check(ALICE, Duration.ZERO, thresholds);
    assertThat(report.warnings()).containsExactlyInAnyOrder(new Warning.Low(CHAT, 50, 100),
        new Warning.Low("video", 0, 10), new Warning.Low("docs", 0, 0));
    assertThat(f.events().of(CreditsEvent.CreditsLow.class)).hasSize(3);
    assertThat(check(ALICE, Duration.ZERO, Map.of("docs", 0L)).warnings())
        .as("a threshold of 0 still warns at 0").containsExactly(new Warning.Low("docs", 0, 0));
    assertThat(check(ALICE, Duration.ZERO, Map.of(CHAT, 50L)).warnings()).as("50 is not below 50")
        .doesNotContain(new Warning.Low(CHAT, 50, 50));
  }

  @Test
  @DisplayName("a group whose tokens all expired is low, and in overdraft it is low too")
  void expiredAndOverdraftGroupsAreLow() {
    f.credits().grantTokens(ALICE, CHAT, 10, in(Duration.ofHours(1)), "short");
    f.credits().tokensConsumed(ALICE, CreditsFixture.POSTPAID, 20);
    f.clock().advance(Duration.ofHours(2));
    ExpiryReport report = check(ALICE, Duration.ZERO, Map.of());
    assertThat(report.warnings()).containsExactlyInAnyOrder(new Warning.Low(CHAT, 0, 0),
        new Warning.Low(CreditsFixture.POSTPAID, -20, 0));
  }

  @Test
  @DisplayName("a user with no history gets an empty report, or low warnings for the thresholds asked")
  void userWithoutHistory() {
    UserId nobody = UserId.of("nobody");
    ExpiryReport empty = check(nobody, WEEK, Map.of());
    assertThat(empty.expired()).isEmpty();
    assertThat(empty.expiredOrders()).isEmpty();
    assertThat(empty.warnings()).isEmpty();
    assertThat(check(nobody, WEEK, Map.of(CHAT, 1L)).warnings()).containsExactly(new Warning.Low(CHAT, 0, 1));
  }

  @Test
  @DisplayName("checkForExpiredOrders rejects bad input")
  void badInput() {
    assertThatThrownBy(() -> check(null, WEEK, Map.of())).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> check(ALICE, null, Map.of())).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> check(ALICE, Duration.ofSeconds(-1), Map.of()))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> check(ALICE, Duration.ofSeconds(Long.MAX_VALUE), Map.of()))
        .as("a horizon that overflows the calendar").isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> check(ALICE, WEEK, Map.of(CHAT, -1L))).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> check(ALICE, WEEK, Map.of(" ", 1L))).isInstanceOf(InvalidRequestException.class);
    Map<String, Long> nullGroup = new HashMap<>();
    nullGroup.put(null, 1L);
    assertThatThrownBy(() -> check(ALICE, WEEK, nullGroup)).isInstanceOf(InvalidRequestException.class);
    Map<String, Long> nullThreshold = new HashMap<>();
    nullThreshold.put(CHAT, null);
    assertThatThrownBy(() -> check(ALICE, WEEK, nullThreshold)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a sweep records due expiries for every user, and a second sweep writes nothing")
  void sweepAllUsers() {
    Instant end = in(Duration.ofHours(1));
    for (int i = 0; i < 5; i++) {
      f.credits().grantTokens(UserId.of("user-" + i), CHAT, 10 + i, end, "g");
    }
    f.credits().grantTokens(ALICE, CHAT, 10, null, "forever");
    f.clock().advance(Duration.ofHours(2));
    SweepReport first = f.credits().sweep(100);
    assertThat(first).isEqualTo(new SweepReport(5, 5, 0, 0, true));
    for (int i = 0; i < 5; i++) {
      UserId user = UserId.of("user-" + i);
      assertThat(assertLedgerMatchesBalance(f, user, CHAT)).extracting(LedgerEntry::type, LedgerEntry::amount,
          LedgerEntry::at).containsExactly(tuple(LedgerEntryType.ADJUSTMENT, 10L + i, end.minus(Duration.ofHours(1))),
          tuple(LedgerEntryType.EXPIRE, -10L - i, end));
    }
    assertThat(ledger(f, ALICE, CHAT)).hasSize(1);
    assertThat(f.credits().sweep(100)).isEqualTo(new SweepReport(0, 0, 0, 0, true));
  }

  @Test
  @DisplayName("a sweep handles at most its limit per pass, and later passes finish the rest")
  void sweepLimit() {
    Instant end = in(Duration.ofHours(1));
    for (int i = 0; i < 5; i++) {
      f.credits().grantTokens(UserId.of("user-" + i), CHAT, 10, end, "g");
    }
    f.clock().advance(Duration.ofHours(2));
    assertThat(f.credits().sweep(2).walletsSettled()).isEqualTo(2);
    assertThat(f.credits().sweep(2).walletsSettled()).isEqualTo(2);
    assertThat(f.credits().sweep(2).walletsSettled()).isEqualTo(1);
    assertThat(f.credits().sweep(2).walletsSettled()).isZero();
    for (int i = 0; i < 5; i++) {
      assertThat(ledger(f, UserId.of("user-" + i), CHAT)).hasSize(2);
    }
    assertThatThrownBy(() -> f.credits().sweep(0)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a sweep does not touch wallets with nothing due yet")
  void sweepLeavesFutureExpiries() {
    f.credits().grantTokens(ALICE, CHAT, 10, in(Duration.ofHours(1)), "g");
    f.clock().advance(Duration.ofMinutes(59));
    assertThat(f.credits().sweep(10)).isEqualTo(new SweepReport(0, 0, 0, 0, true));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(10);
  }

  @Test
  @DisplayName("a sweep expires every user's unpaid orders past their window, once")
  void sweepExpiresUnpaidOrders() {
    Order a = pendingOrder(ALICE);
    Order b = pendingOrder(BOB);
    f.clock().advance(Duration.ofMinutes(10));
    Order young = pendingOrder(ALICE);
    f.clock().advance(CreditsFixture.PAYMENT_WINDOW.minus(Duration.ofMinutes(10)));
    assertThat(f.credits().sweep(10).ordersExpired()).isEqualTo(2);
    assertThat(f.credits().getOrder(a.id(), ALICE).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(f.credits().getOrder(b.id(), BOB).status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(f.credits().getOrder(young.id(), ALICE).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(f.credits().sweep(10).ordersExpired()).isZero();
    f.clock().advance(Duration.ofMinutes(10));
    assertThat(f.credits().sweep(10).ordersExpired()).isEqualTo(1);
  }

  @Test
  @DisplayName("two sweeps running at once on many users expire each grant exactly once")
  void concurrentSweeps() throws Exception {
    int users = 300;
    Instant end = in(Duration.ofHours(1));
    for (int i = 0; i < users; i++) {
      f.credits().grantTokens(UserId.of("user-" + i), CHAT, 10, end, "g");
    }
    f.clock().advance(Duration.ofHours(2));
    List<SweepReport> reports = concurrently(2, 2, i -> f.credits().sweep(users));
    assertThat(reports.get(0).ledgerEntries() + reports.get(1).ledgerEntries()).isEqualTo(users);
    for (int i = 0; i < users; i++) {
      UserId user = UserId.of("user-" + i);
      assertThat(assertLedgerMatchesBalance(f, user, CHAT)).filteredOn(e -> e.type() == LedgerEntryType.EXPIRE)
          .as("expiries of %s", user.value()).hasSize(1);
    }
    assertThat(f.credits().sweep(users).ledgerEntries()).isZero();
  }

  /** A crash right after the status write: PAID in the store, nothing granted. */
  private Order paidButNotGranted() {
    Order order = pendingOrder(ALICE);
    f.credits().startPayment(order.id(), ALICE);
    Order current = f.store().orders().find(order.id()).orElseThrow();
    Order paid = current.moveTo(OrderStatus.PAID, f.clock().instant(), "crash right after this write");
    assertThat(f.store().orders().replace(paid)).isTrue();
    assertThat(balance(f, ALICE, CHAT)).isZero();
    return paid;
  }

  @Test
  @DisplayName("a paid order whose grants were interrupted by a crash is completed by the sweep, exactly once")
  void sweepCompletesInterruptedGrants() {
    Order order = paidButNotGranted();
    f.clock().advance(Duration.ofMinutes(1));
    assertThat(f.credits().sweep(10).ordersGranted()).isEqualTo(1);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(50);
    assertThat(f.credits().getOrder(order.id(), ALICE).granted()).isTrue();
    assertThat(f.credits().sweep(10).ordersGranted()).isZero();
    f.credits().confirmPayment(order.id(), ALICE);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(50);
    assertThat(assertLedgerMatchesBalance(f, ALICE, CHAT)).extracting(LedgerEntry::type)
        .containsExactly(LedgerEntryType.GRANT);
    assertThat(f.events().of(CreditsEvent.OrderPaid.class)).hasSize(1);
  }

  @Test
  @DisplayName("two sweeps completing the same interrupted order at once grant its tokens once")
  void concurrentSweepsCompleteOnce() throws Exception {
    paidButNotGranted();
    concurrently(2, 2, i -> f.credits().sweep(10));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(50);
    assertThat(assertLedgerMatchesBalance(f, ALICE, CHAT)).hasSize(1);
    assertThat(f.events().of(CreditsEvent.OrderPaid.class)).hasSize(1);
  }

  @Test
  @DisplayName("a late recovery of an order whose tokens were long since spent grants nothing more")
  void lateRecoveryGrantsNothingMore() {
    Order order = Wallets.buyPaid(f, ALICE, CHAT, 50, Cycle.ONCE);
    Order stored = f.store().orders().find(order.id()).orElseThrow();
    Order unmarked = new Order(stored.id(), stored.userId(), stored.offerId(), stored.quantity(), stored.total(),
        stored.status(), stored.payment(), stored.refunds(), stored.plan(), stored.history(), stored.createdAt(),
        stored.updatedAt(), stored.paymentDeadline(), false, stored.version() + 1);
    assertThat(f.store().orders().replace(unmarked)).as("a crash after granting, before marking granted").isTrue();
    f.clock().advance(Duration.ofMinutes(1));
    f.credits().grantTokens(ALICE, CHAT, 500, null, "bonus");
    for (int i = 0; i < 300; i++) {
      f.credits().tokensConsumed(ALICE, CHAT, 1, "req-" + i);
    }
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(250);
    f.credits().sweep(10);
    assertThat(f.credits().getOrder(order.id(), ALICE).granted()).isTrue();
    assertThat(balance(f, ALICE, CHAT)).as("the order's 50 tokens were granted once, already").isEqualTo(250);
    assertThat(assertLedgerMatchesBalance(f, ALICE, CHAT)).filteredOn(e -> e.type() == LedgerEntryType.GRANT)
        .hasSize(1);
  }

  @Test
  @DisplayName("the sweeper takes the lease lock: while another instance holds it, a pass does nothing")
  void sweeperTakesTheLock() {
    f.credits().grantTokens(ALICE, CHAT, 10, in(Duration.ofMinutes(5)), "g");
    f.clock().advance(Duration.ofMinutes(10));
    assertThat(f.credits().locks().tryAcquire(Sweeper.LOCK, "instance-b", Duration.ofMinutes(1))).isPresent();
    Sweeper a = f.credits().sweeper("instance-a", 10);
    SweepReport skipped = a.runOnce(Duration.ofMinutes(1));
    assertThat(skipped.ran()).isFalse();
    assertThat(ledger(f, ALICE, CHAT)).hasSize(1);

    f.clock().advance(Duration.ofMinutes(1));
    SweepReport ran = a.runOnce(Duration.ofMinutes(1));
    assertThat(ran.ran()).as("the other lease ran out").isTrue();
    assertThat(ran.ledgerEntries()).isEqualTo(1);
    assertThat(f.credits().locks().tryAcquire(Sweeper.LOCK, "instance-b", Duration.ofMinutes(1)))
        .as("a pass releases the lock when done").isPresent();
    assertThat(a.runOnce(Duration.ofMinutes(1)).ran()).isFalse();
    assertThat(f.credits().locks().release(Sweeper.LOCK, "instance-b")).isTrue();
    assertThat(a.runOnce(Duration.ofMinutes(1))).isEqualTo(new SweepReport(0, 0, 0, 0, true));
  }

  @Test
  @DisplayName("the sweeper rejects a blank instance id and a batch below 1")
  void sweeperBadInput() {
    assertThatThrownBy(() -> f.credits().sweeper(" ", 10)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().sweeper("a", 0)).isInstanceOf(InvalidRequestException.class);
  }
}

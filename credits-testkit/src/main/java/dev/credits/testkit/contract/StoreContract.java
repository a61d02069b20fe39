package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Wallets.CHAT;
import static dev.credits.testkit.contract.Wallets.IMAGES;
import static dev.credits.testkit.contract.Wallets.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.ConflictException;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.GrantPlan;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.Lease;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentInfo;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.LeaseLockStore;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import dev.credits.core.spi.WalletStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on store SPI obligations checked directly on the adapter. */
public abstract class StoreContract extends ContractSection {
  private static final UserId ANN = UserId.of("ann");
  private static final UserId BEN = UserId.of("ben");
  private static final WalletKey ANN_CHAT = new WalletKey(ANN, CHAT);
  private static final OfferId OFFER = OfferId.of("store-pack");

  /** Creates the section. */
  protected StoreContract() {}

  private WalletStore wallets() {
    return f.store().wallets();
  }

  private OrderStore orders() {
    return f.store().orders();
  }

  private Instant now() {
    return f.clock().instant();
  }

  private static WalletCommand.AddGrant grant(WalletKey key, String id, long tokens, Instant expiresAt) {
    return new WalletCommand.AddGrant(key, id, null, null, false, tokens, Cycle.ONCE, 1, false, expiresAt, id);
  }

  private static WalletCommand.Consume consume(WalletKey key, long count, String idempotencyKey) {
    return new WalletCommand.Consume(key, count, 0, idempotencyKey);
  }

  private long storedBalance(WalletKey key) {
    return wallets().find(key).map(Wallet::storedBalance).orElse(0L);
  }

  private Order pending(String id, UserId user, Instant at) {
    return Order.pending(OrderId.of(id), user, OFFER, 1, Money.parse("10.00", "USD"),
        List.of(new GrantPlan(CHAT, OFFER, false, 50, Cycle.ONCE, 1, false)), at,
        at.plus(CreditsFixture.PAYMENT_WINDOW));
  }

  // ---- WalletStore ----

  @Test
  @DisplayName("execute with an idempotency key returns the recorded result and applies the command once")
  void executeIsIdempotentByKey() {
    wallets().execute(grant(ANN_CHAT, "g1", 100, null), now());
    Consumption first = wallets().execute(consume(ANN_CHAT, 10, "c1"), now());
    long version = wallets().find(ANN_CHAT).orElseThrow().version();
    f.clock().advance(Duration.ofSeconds(1));
    Consumption again = wallets().execute(consume(ANN_CHAT, 10, "c1"), now());
    assertThat(again).isEqualTo(first);
    Wallet w = wallets().find(ANN_CHAT).orElseThrow();
    assertThat(w.storedBalance()).isEqualTo(90);
    assertThat(w.version()).as("a replay writes nothing").isEqualTo(version);
    assertThat(wallets().ledger(ANN_CHAT, 0, 10)).hasSize(2);
  }

  @Test
  @DisplayName("a different command with a recorded idempotency key is a conflict and changes nothing")
  void executeConflictsOnKeyReuse() {
    wallets().execute(grant(ANN_CHAT, "g1", 100, null), now());
    wallets().execute(consume(ANN_CHAT, 10, "c1"), now());
    Wallet before = wallets().find(ANN_CHAT).orElseThrow();
    assertThatThrownBy(() -> wallets().execute(consume(ANN_CHAT, 11, "c1"), now()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> wallets().execute(new WalletCommand.PlaceHold(ANN_CHAT, HoldId.of("h1"), 5,
        now().plusSeconds(60), "c1"), now())).as("another kind of command").isInstanceOf(ConflictException.class);
    assertThat(wallets().find(ANN_CHAT)).contains(before);
    assertThat(wallets().ledger(ANN_CHAT, 0, 10)).hasSize(2);
  }

  @Test
  @DisplayName("a non-effective result does not record its key, so the same command succeeds later")
  void nonEffectiveResultsRecordNoKey() {
    Consumption none = wallets().execute(consume(ANN_CHAT, 1_000, "big"), now());
    assertThat(none).isEqualTo(new Consumption.Insufficient(1_000, 0, 0));
    assertThat(wallets().find(ANN_CHAT)).as("an insufficient attempt on a new wallet writes nothing").isEmpty();
    assertThat(wallets().ledger(ANN_CHAT, 0, 10)).isEmpty();
    HoldResult noHold = wallets().execute(new WalletCommand.PlaceHold(ANN_CHAT, HoldId.of("h1"), 5,
        now().plusSeconds(60), "hold-1"), now());
    assertThat(noHold).isInstanceOf(HoldResult.Insufficient.class);
    wallets().execute(grant(ANN_CHAT, "g1", 1_000, null), now());
    assertThat(wallets().execute(consume(ANN_CHAT, 1_000, "big"), now())).isInstanceOf(Consumption.Spent.class);
    assertThat(storedBalance(ANN_CHAT)).isZero();
  }

  @Test
  @DisplayName("idempotency keys belong to one wallet: the same key on another wallet is another request")
  void keysArePerWallet() {
    WalletKey annImages = new WalletKey(ANN, IMAGES);
    WalletKey benChat = new WalletKey(BEN, CHAT);
    for (WalletKey key : List.of(ANN_CHAT, annImages, benChat)) {
      wallets().execute(grant(key, "g1", 100, null), now());
      assertThat(wallets().execute(consume(key, 10, "same"), now())).isInstanceOf(Consumption.Spent.class);
    }
    assertThat(storedBalance(ANN_CHAT)).isEqualTo(90);
    assertThat(storedBalance(annImages)).isEqualTo(90);
    assertThat(storedBalance(benChat)).isEqualTo(90);
  }

  @Test
  @DisplayName("every stored change increments the version, and ledgerSeq is the last ledger entry's seq")
  void versionsAndSeqs() {
    assertThat(wallets().find(ANN_CHAT)).isEmpty();
    wallets().execute(grant(ANN_CHAT, "g1", 100, null), now());
    Wallet w1 = wallets().find(ANN_CHAT).orElseThrow();
    wallets().execute(consume(ANN_CHAT, 5, null), now());
    Wallet w2 = wallets().find(ANN_CHAT).orElseThrow();
    assertThat(w2.version()).isGreaterThan(w1.version());
    List<LedgerEntry> ledger = wallets().ledger(ANN_CHAT, 0, 10);
    assertThat(w2.ledgerSeq()).isEqualTo(ledger.get(ledger.size() - 1).seq()).isEqualTo(2);
    assertThat(w2.key()).isEqualTo(ANN_CHAT);
  }

  @Test
  @DisplayName("findByUser returns every wallet of the user and no one else's; a new user has none")
  void findByUser() {
    wallets().execute(grant(ANN_CHAT, "g1", 10, null), now());
    wallets().execute(grant(new WalletKey(ANN, IMAGES), "g1", 20, null), now());
    wallets().execute(grant(new WalletKey(BEN, CHAT), "g1", 30, null), now());
    assertThat(wallets().findByUser(ANN)).extracting(w -> w.key().offerGroup())
        .containsExactlyInAnyOrder(CHAT, IMAGES);
    assertThat(wallets().findByUser(ANN)).allMatch(w -> w.key().userId().equals(ANN));
    assertThat(wallets().findByUser(UserId.of("nobody"))).isEmpty();
  }

  @Test
  @DisplayName("the ledger pages by afterSeq and limit, oldest first")
  void ledgerPaging() {
    wallets().execute(grant(ANN_CHAT, "g1", 100, null), now());
    for (int i = 0; i < 9; i++) {
      wallets().execute(consume(ANN_CHAT, 1, "c" + i), now());
    }
    assertThat(wallets().ledger(ANN_CHAT, 0, 4)).extracting(LedgerEntry::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(wallets().ledger(ANN_CHAT, 4, 4)).extracting(LedgerEntry::seq).containsExactly(5L, 6L, 7L, 8L);
    assertThat(wallets().ledger(ANN_CHAT, 8, 4)).extracting(LedgerEntry::seq).containsExactly(9L, 10L);
    assertThat(wallets().ledger(ANN_CHAT, 10, 4)).isEmpty();
    assertThat(wallets().ledger(new WalletKey(BEN, CHAT), 0, 4)).isEmpty();
    List<LedgerEntry> all = wallets().ledger(ANN_CHAT, 0, 100);
    long running = 0;
    for (LedgerEntry e : all) {
      running += e.amount();
      assertThat(e.balanceAfter()).isEqualTo(running);
    }
    assertThat(running).isEqualTo(storedBalance(ANN_CHAT)).isEqualTo(91);
  }

  @Test
  @DisplayName("findDue returns the wallets with a grant end or hold end at or before the horizon, earliest first")
  void walletFindDue() {
    Instant t = now();
    WalletKey late = new WalletKey(UserId.of("late"), CHAT);
    WalletKey early = new WalletKey(UserId.of("early"), CHAT);
    WalletKey never = new WalletKey(UserId.of("never"), CHAT);
    WalletKey holding = new WalletKey(UserId.of("holding"), CHAT);
    wallets().execute(grant(late, "g", 10, t.plus(Duration.ofHours(2))), t);
    wallets().execute(grant(early, "g", 10, t.plus(Duration.ofHours(1))), t);
    wallets().execute(grant(never, "g", 10, null), t);
    wallets().execute(grant(holding, "g", 10, null), t);
    wallets().execute(new WalletCommand.PlaceHold(holding, HoldId.of("h"), 5, t.plus(Duration.ofMinutes(30)), null),
        t);
    assertThat(wallets().findDue(t, 10)).isEmpty();
    assertThat(wallets().findDue(t.plus(Duration.ofHours(1)), 10)).containsExactly(holding, early);
    assertThat(wallets().findDue(t.plus(Duration.ofHours(3)), 10)).containsExactly(holding, early, late);
    assertThat(wallets().findDue(t.plus(Duration.ofHours(3)), 2)).containsExactly(holding, early);
    f.clock().set(t.plus(Duration.ofHours(1)));
    wallets().execute(new WalletCommand.Settle(early), now());
    wallets().execute(new WalletCommand.Settle(holding), now());
    assertThat(wallets().findDue(t.plus(Duration.ofHours(3)), 10)).as("settled wallets are no longer due")
        .containsExactly(late);
  }

  @Test
  @DisplayName("8 threads executing on one wallet never overspend; 8 threads replaying one key apply it once")
  void executeUnderConcurrency() throws Exception {
    wallets().execute(grant(ANN_CHAT, "g1", 500, null), now());
    List<Consumption> spends = concurrently(8, 800, i -> wallets().execute(consume(ANN_CHAT, 1, null), now()));
    assertThat(spends).filteredOn(c -> c instanceof Consumption.Spent).hasSize(500);
    assertThat(storedBalance(ANN_CHAT)).isZero();
    assertThat(wallets().ledger(ANN_CHAT, 0, 1_000)).hasSize(501);

    WalletKey ben = new WalletKey(BEN, CHAT);
    wallets().execute(grant(ben, "g1", 100, null), now());
    List<Consumption> replays = concurrently(8, 64, i -> wallets().execute(consume(ben, 7, "once"), now()));
    assertThat(replays).containsOnly(replays.get(0));
    assertThat(storedBalance(ben)).isEqualTo(93);
    assertThat(wallets().ledger(ben, 0, 100)).hasSize(2);
  }

  // ---- OrderStore ----

  @Test
  @DisplayName("inserting an order id twice is a conflict and keeps the first")
  void orderInsertDuplicate() {
    Order first = pending("o1", ANN, now());
    orders().insert(first);
    assertThatThrownBy(() -> orders().insert(pending("o1", BEN, now()))).isInstanceOf(ConflictException.class);
    assertThat(orders().find(OrderId.of("o1"))).contains(first);
    assertThat(orders().findByUser(BEN)).isEmpty();
    assertThat(orders().find(OrderId.of("unknown"))).isEmpty();
  }

  @Test
  @DisplayName("replace is a compare-and-set on the version: a stale or skipping version is refused")
  void orderReplaceIsCompareAndSet() {
    Order o = pending("o1", ANN, now());
    orders().insert(o);
    Order paying = o.withPayment(new PaymentInfo("fake", "pi_1", null), now());
    Order cancelled = o.moveTo(OrderStatus.CANCELLED, now(), "computed from the same version");
    assertThat(orders().replace(paying)).isTrue();
    assertThat(orders().replace(cancelled)).as("stale: computed from version 0").isFalse();
    assertThat(orders().replace(paying)).as("replaying the same step").isFalse();
    assertThat(orders().replace(paying.withVersion(5))).as("skipping versions").isFalse();
    assertThat(orders().find(o.id())).contains(paying);
    Order paid = paying.moveTo(OrderStatus.PAID, now(), "paid");
    assertThat(orders().replace(paid)).isTrue();
    assertThat(orders().find(o.id())).contains(paid);
    assertThat(orders().replace(pending("ghost", ANN, now()).withVersion(1))).as("unknown order").isFalse();
    assertThat(orders().find(OrderId.of("ghost"))).isEmpty();
  }

  @Test
  @DisplayName("of 8 threads replacing the same version exactly one wins")
  void orderReplaceUnderConcurrency() throws Exception {
    Order o = pending("o1", ANN, now());
    orders().insert(o);
    List<Boolean> wins = concurrently(8, 8, i -> orders().replace(o.moveTo(OrderStatus.CANCELLED, now(),
        "thread " + i)));
    assertThat(wins).containsOnlyOnce(true);
    assertThat(orders().find(o.id()).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  @DisplayName("findByUser returns the user's orders newest first, with their latest state")
  void ordersByUser() {
    orders().insert(pending("o1", ANN, now()));
    f.clock().advance(Duration.ofMinutes(1));
    orders().insert(pending("o2", BEN, now()));
    f.clock().advance(Duration.ofMinutes(1));
    Order o3 = pending("o3", ANN, now());
    orders().insert(o3);
    Order cancelled = o3.moveTo(OrderStatus.CANCELLED, now(), "changed my mind");
    orders().replace(cancelled);
    assertThat(orders().findByUser(ANN)).extracting(o -> o.id().value()).containsExactly("o3", "o1");
    assertThat(orders().findByUser(ANN).get(0)).isEqualTo(cancelled);
    assertThat(orders().findByUser(UserId.of("nobody"))).isEmpty();
  }

  @Test
  @DisplayName("findByPaymentReference finds the order paid through a processor payment")
  void orderByPaymentReference() {
    Order o = pending("o1", ANN, now());
    orders().insert(o);
    orders().insert(pending("o2", ANN, now()));
    assertThat(orders().findByPaymentReference("pi_1")).isEmpty();
    Order paying = o.withPayment(new PaymentInfo("fake", "pi_1", null), now());
    orders().replace(paying);
    assertThat(orders().findByPaymentReference("pi_1")).contains(paying);
    Order paid = paying.moveTo(OrderStatus.PAID, now(), "paid");
    orders().replace(paid);
    assertThat(orders().findByPaymentReference("pi_1")).as("the latest state").contains(paid);
    assertThat(orders().findByPaymentReference("pi_2")).isEmpty();
  }

  @Test
  @DisplayName("findDue returns pending orders past their deadline and paid orders not yet granted, nothing else")
  void orderFindDue() {
    Instant t = now();
    Order overdue = pending("overdue", ANN, t);
    Order fresh = pending("fresh", ANN, t.plus(Duration.ofMinutes(20)));
    Order ungranted = pending("ungranted", ANN, t);
    Order granted = pending("granted", ANN, t);
    Order cancelled = pending("cancelled", ANN, t);
    for (Order o : List.of(overdue, fresh, ungranted, granted, cancelled)) {
      orders().insert(o);
    }
    Order paid = ungranted.moveTo(OrderStatus.PAID, t, "paid");
    orders().replace(paid);
    Order done = granted.moveTo(OrderStatus.PAID, t, "paid");
    orders().replace(done);
    orders().replace(done.markGranted(t));
    orders().replace(cancelled.moveTo(OrderStatus.CANCELLED, t, "cancelled"));

    assertThat(orders().findDue(t, 10)).extracting(o -> o.id().value()).containsExactly("ungranted");
    Instant deadline = t.plus(CreditsFixture.PAYMENT_WINDOW);
    assertThat(orders().findDue(deadline, 10)).extracting(o -> o.id().value())
        .containsExactlyInAnyOrder("overdue", "ungranted");
    assertThat(orders().findDue(deadline.plus(Duration.ofHours(1)), 10)).extracting(o -> o.id().value())
        .containsExactlyInAnyOrder("overdue", "ungranted", "fresh");
    assertThat(orders().findDue(deadline.plus(Duration.ofHours(1)), 2)).hasSize(2);
    orders().replace(paid.markGranted(t));
    assertThat(orders().findDue(deadline, 10)).extracting(o -> o.id().value()).containsExactly("overdue");
  }

  // ---- LeaseLockStore ----

  @Test
  @DisplayName("the lock store takes, extends and releases leases by holder, and a lease ends at its until")
  void lockStoreSemantics() {
    LeaseLockStore locks = f.store().locks();
    Instant t = now();
    Instant until = t.plusSeconds(60);
    assertThat(locks.tryAcquire("l", "a", until, t)).contains(new Lease("l", "a", until));
    assertThat(locks.tryAcquire("l", "b", t.plusSeconds(90), t.plusSeconds(59))).isEmpty();
    assertThat(locks.extend("l", "b", t.plusSeconds(90), t.plusSeconds(59))).isEmpty();
    assertThat(locks.release("l", "b")).isFalse();
    assertThat(locks.extend("l", "a", t.plusSeconds(120), t.plusSeconds(59)))
        .contains(new Lease("l", "a", t.plusSeconds(120)));
    assertThat(locks.tryAcquire("l", "b", t.plusSeconds(200), t.plusSeconds(119))).isEmpty();
    assertThat(locks.extend("l", "a", t.plusSeconds(300), t.plusSeconds(120))).as("ran out at its until").isEmpty();
    assertThat(locks.tryAcquire("l", "b", t.plusSeconds(200), t.plusSeconds(120)))
        .contains(new Lease("l", "b", t.plusSeconds(200)));
    assertThat(locks.release("l", "a")).isFalse();
    assertThat(locks.release("l", "b")).isTrue();
    assertThat(locks.tryAcquire("l", "a", t.plusSeconds(200), t.plusSeconds(121))).isPresent();
  }

  @Test
  @DisplayName("of 8 threads acquiring one lock at once exactly one wins, whether it is free or run out")
  void lockStoreAtomicity() throws Exception {
    LeaseLockStore locks = f.store().locks();
    Instant t = now();
    for (int round = 0; round < 20; round++) {
      String name = "lock-" + round;
      List<Optional<Lease>> free = concurrently(8, 8, i -> locks.tryAcquire(name, "h" + i, t.plusSeconds(10), t));
      assertThat(free).filteredOn(Optional::isPresent).as("winners of free %s", name).hasSize(1);
      Instant later = t.plusSeconds(10);
      List<Optional<Lease>> over = concurrently(8, 8, i -> locks.tryAcquire(name, "n" + i, later.plusSeconds(10),
          later));
      assertThat(over).filteredOn(Optional::isPresent).as("winners of run-out %s", name).hasSize(1);
    }
  }

  // ---- OfferStore and ProcessedEventStore ----

  @Test
  @DisplayName("the offer store saves, finds, lists, and replaces by id")
  void offerStore() {
    Offer a = Offer.builder("a", "A").group(CHAT).price("1.00", "USD").tokens(10).build();
    Offer b = Offer.builder("b", "B").group(IMAGES).price("2.00", "EUR").alsoPriced("300", "JPY").tokens(20)
        .cycle(Cycle.MONTHLY).tags("x", "y").build();
    assertThat(f.store().offers().findAll()).isEmpty();
    f.store().offers().save(a);
    f.store().offers().save(b);
    assertThat(f.store().offers().find(OfferId.of("a"))).contains(a);
    assertThat(f.store().offers().find(OfferId.of("b"))).contains(b);
    assertThat(f.store().offers().find(OfferId.of("c"))).isEmpty();
    assertThat(f.store().offers().findAll()).containsExactlyInAnyOrder(a, b);
    Offer a2 = Offer.builder("a", "A, cheaper").group(CHAT).price("0.50", "USD").tokens(10).build();
    f.store().offers().save(a2);
    assertThat(f.store().offers().find(OfferId.of("a"))).contains(a2);
    assertThat(f.store().offers().findAll()).containsExactlyInAnyOrder(a2, b);
  }

  @Test
  @DisplayName("the processed-event store remembers an event id once marked, and marking twice is harmless")
  void processedEvents() {
    assertThat(f.store().processedEvents().isProcessed("evt_1")).isFalse();
    f.store().processedEvents().markProcessed("evt_1", now());
    f.store().processedEvents().markProcessed("evt_1", now().plusSeconds(1));
    assertThat(f.store().processedEvents().isProcessed("evt_1")).isTrue();
    assertThat(f.store().processedEvents().isProcessed("evt_2")).isFalse();
  }
}

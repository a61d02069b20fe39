package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.credits.core.ConflictException;
import dev.credits.core.Credits;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.HoldSettlement;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletKey;
import dev.credits.testkit.contract.CreditsFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoDB wallets")
class MongoWalletTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final String GROUP = "api";

  private MongoDatabase db;
  private CreditsStore store;
  private CreditsFixture f;
  private Credits credits;

  @BeforeEach
  void setUp() {
    String name = InProcessMongo.freshDatabase();
    db = InProcessMongo.client().getDatabase(name);
    store = MongoCredits.create(InProcessMongo.client(), name);
    f = new CreditsFixture(store);
    credits = f.credits();
  }

  private Instant in(Duration d) {
    return f.clock().instant().plus(d);
  }

  @Test
  @DisplayName("a consumption burns the earliest-expiring grant first and the stored wallet shows it")
  void burnOrder() {
    credits.grantTokens(ALICE, GROUP, 10, null, "forever");
    credits.grantTokens(ALICE, GROUP, 10, in(Duration.ofDays(10)), "soon");

    Consumption c = credits.tokensConsumed(ALICE, GROUP, 12, "c1");

    assertThat(c).isInstanceOf(Consumption.Spent.class);
    Consumption.Spent spent = (Consumption.Spent) c;
    assertThat(spent.balance()).isEqualTo(8);
    assertThat(spent.burned()).extracting(b -> b.grantId() + "=" + b.tokens())
        .containsExactly("adj_soon=10", "adj_forever=2");
    Wallet stored = store.wallets().find(new WalletKey(ALICE, GROUP)).orElseThrow();
    assertThat(stored.storedBalance()).isEqualTo(8);
    assertThat(stored.version()).isEqualTo(3);
    assertThat(credits.getUserCredits(ALICE).balance(GROUP)).isEqualTo(8);
  }

  @Test
  @DisplayName("the same key and request spends once and returns the recorded result")
  void replay() {
    credits.grantTokens(ALICE, GROUP, 10, null, "g");

    Consumption first = credits.tokensConsumed(ALICE, GROUP, 3, "k");
    Consumption again = credits.tokensConsumed(ALICE, GROUP, 3, "k");

    assertThat(again).isEqualTo(first);
    assertThat(credits.getUserCredits(ALICE).balance(GROUP)).isEqualTo(7);
    assertThat(credits.ledger(ALICE, GROUP, 0, 100)).hasSize(2);
  }

  @Test
  @DisplayName("a different request with a used key is a conflict and changes nothing")
  void keyReuse() {
    credits.grantTokens(ALICE, GROUP, 10, null, "g");
    credits.tokensConsumed(ALICE, GROUP, 3, "k");

    assertThatThrownBy(() -> credits.tokensConsumed(ALICE, GROUP, 4, "k")).isInstanceOf(ConflictException.class);
    assertThat(credits.getUserCredits(ALICE).balance(GROUP)).isEqualTo(7);
  }

  @Test
  @DisplayName("an insufficient balance records nothing, so the same key succeeds after a top-up")
  void insufficientThenRetry() {
    credits.grantTokens(ALICE, GROUP, 2, null, "g1");
    assertThat(credits.tokensConsumed(ALICE, GROUP, 5, "k")).isInstanceOf(Consumption.Insufficient.class);

    credits.grantTokens(ALICE, GROUP, 5, null, "g2");

    assertThat(credits.tokensConsumed(ALICE, GROUP, 5, "k").balance()).isEqualTo(2);
  }

  @Test
  @DisplayName("the overdraft group goes below zero down to its limit and a grant repays the debt first")
  void overdraft() {
    assertThat(credits.tokensConsumed(ALICE, CreditsFixture.POSTPAID, 30, "a").balance()).isEqualTo(-30);
    assertThat(credits.tokensConsumed(ALICE, CreditsFixture.POSTPAID, 21, "b"))
        .isInstanceOf(Consumption.Insufficient.class);

    credits.grantTokens(ALICE, CreditsFixture.POSTPAID, 100, null, "g");

    assertThat(credits.getUserCredits(ALICE).balance(CreditsFixture.POSTPAID)).isEqualTo(70);
    assertThat(sum(credits.ledger(ALICE, CreditsFixture.POSTPAID, 0, 100))).isEqualTo(70);
  }

  @Test
  @DisplayName("a hold reserves tokens, a capture spends part of it and gives the rest back")
  void holds() {
    credits.grantTokens(ALICE, GROUP, 10, null, "g");
    HoldResult held = credits.holdTokens(ALICE, GROUP, 6, Duration.ofMinutes(5), "h");
    assertThat(held).isInstanceOf(HoldResult.Held.class);
    assertThat(credits.tokensConsumed(ALICE, GROUP, 5, "c")).isInstanceOf(Consumption.Insufficient.class);

    HoldSettlement s = credits.captureHold(ALICE, GROUP, ((HoldResult.Held) held).hold().id(), 4, "cap");

    assertThat(s.spent()).isEqualTo(4);
    assertThat(s.returned()).isEqualTo(2);
    assertThat(credits.getUserCredits(ALICE).balance(GROUP)).isEqualTo(6);
    assertThat(credits.captureHold(ALICE, GROUP, s.hold().id(), 4, "cap")).isEqualTo(s);
  }

  @Test
  @DisplayName("a hold retried later with the same key replays the hold as first placed")
  void holdReplay() {
    credits.grantTokens(ALICE, GROUP, 10, null, "g");
    HoldResult first = credits.holdTokens(ALICE, GROUP, 6, Duration.ofMinutes(5), "h");
    f.clock().advance(Duration.ofMinutes(1));

    assertThat(credits.holdTokens(ALICE, GROUP, 6, Duration.ofMinutes(5), "h")).isEqualTo(first);
    assertThatThrownBy(() -> credits.holdTokens(ALICE, GROUP, 7, Duration.ofMinutes(5), "h"))
        .isInstanceOf(ConflictException.class);
    assertThat(credits.getUserCredits(ALICE).balance(GROUP)).isEqualTo(4);
  }

  @Test
  @DisplayName("an expired hold gives its tokens back when the sweep finds the wallet due")
  void holdExpires() {
    credits.grantTokens(ALICE, GROUP, 10, null, "g");
    credits.holdTokens(ALICE, GROUP, 6, Duration.ofMinutes(5), "h");
    assertThat(store.wallets().findDue(in(Duration.ofMinutes(4)), 10)).isEmpty();

    f.clock().advance(Duration.ofMinutes(6));

    assertThat(store.wallets().findDue(f.clock().instant(), 10)).containsExactly(new WalletKey(ALICE, GROUP));
    assertThat(credits.sweep(10).walletsSettled()).isEqualTo(1);
    assertThat(store.wallets().findDue(f.clock().instant(), 10)).isEmpty();
    assertThat(store.wallets().find(new WalletKey(ALICE, GROUP)).orElseThrow().storedBalance()).isEqualTo(10);
  }

  @Test
  @DisplayName("the ledger is complete, contiguous and sums to the balance across pending batches")
  void ledgerAcrossBatches() {
    credits.grantTokens(ALICE, GROUP, 1_000, null, "g");
    int consumes = MongoWalletStore.FLUSH_AT * 2 + 5;
    for (int i = 0; i < consumes; i++) {
      credits.tokensConsumed(ALICE, GROUP, 1 + i % 3, "c" + i);
    }

    List<LedgerEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<LedgerEntry> page = credits.ledger(ALICE, GROUP, after, 7);
      if (page.isEmpty()) {
        break;
      }
      all.addAll(page);
      after = page.get(page.size() - 1).seq();
    }

    assertThat(all).extracting(LedgerEntry::seq).containsExactlyElementsOf(seqs(consumes + 1));
    assertThat(sum(all)).isEqualTo(credits.getUserCredits(ALICE).balance(GROUP));
    assertThat(all.get(all.size() - 1).balanceAfter()).isEqualTo(credits.getUserCredits(ALICE).balance(GROUP));
    long copied = db.getCollection("ledger").countDocuments();
    Document wallet = db.getCollection("wallets").find().first();
    assertThat(copied).isGreaterThanOrEqualTo(2L * MongoWalletStore.FLUSH_AT);
    assertThat(copied + wallet.getList("pending", Document.class).size()
        + wallet.getList(QuickWrites.QUEUE, Document.class).size()).isGreaterThanOrEqualTo(consumes + 1L);
    assertThat(wallet.getList("pending", Document.class)).hasSizeLessThanOrEqualTo(MongoWalletStore.FLUSH_AT);
  }

  @Test
  @DisplayName("concurrent consumers never spend more than the balance and every spend is in the ledger")
  void concurrentConsumers() throws Exception {
    credits.grantTokens(ALICE, GROUP, 100, null, "g");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Consumption>> results = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      String key = "c" + i;
      results.add(pool.submit(() -> credits.tokensConsumed(ALICE, GROUP, 1, key)));
    }
    int spent = 0;
    for (Future<Consumption> r : results) {
      if (r.get(60, TimeUnit.SECONDS) instanceof Consumption.Spent) {
        spent++;
      }
    }
    pool.shutdown();

    assertThat(spent).isEqualTo(100);
    assertThat(credits.getUserCredits(ALICE).balance(GROUP)).isZero();
    List<LedgerEntry> ledger = credits.ledger(ALICE, GROUP, 0, 1_000);
    assertThat(ledger).extracting(LedgerEntry::seq).containsExactlyElementsOf(seqs(101));
    assertThat(sum(ledger)).isZero();
  }

  @Test
  @DisplayName("threads replaying many keys at once spend each key once, while records move out")
  void concurrentReplays() throws Exception {
    credits.grantTokens(ALICE, GROUP, 1_000, null, "g");
    int keys = StoredWallet.MAX_RECENT * 2;
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Consumption>> results = new ArrayList<>();
    for (int i = 0; i < keys * 3; i++) {
      String key = "r" + (i % keys);
      results.add(pool.submit(() -> credits.tokensConsumed(ALICE, GROUP, 2, key)));
    }
    List<Consumption> done = new ArrayList<>();
    for (Future<Consumption> r : results) {
      done.add(r.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    for (int k = 0; k < keys; k++) {
      assertThat(done.get(k + keys)).as("replay of r%d", k).isEqualTo(done.get(k));
      assertThat(done.get(k + 2 * keys)).as("second replay of r%d", k).isEqualTo(done.get(k));
    }
    assertThat(credits.getUserCredits(ALICE).balance(GROUP)).isEqualTo(1_000 - 2L * keys);
    assertThat(sum(credits.ledger(ALICE, GROUP, 0, 1_000))).isEqualTo(1_000 - 2L * keys);
  }

  @Test
  @DisplayName("keys stay idempotent after their records move out of the wallet document")
  void evictedRecords() {
    credits.grantTokens(ALICE, GROUP, 1_000, null, "g");
    List<Consumption> first = new ArrayList<>();
    int keys = StoredWallet.MAX_RECENT * 3;
    for (int i = 0; i < keys; i++) {
      first.add(credits.tokensConsumed(ALICE, GROUP, 1, "k" + i));
    }

    for (int i = 0; i < keys; i++) {
      assertThat(credits.tokensConsumed(ALICE, GROUP, 1, "k" + i)).as("replay of k%d", i).isEqualTo(first.get(i));
    }
    assertThatThrownBy(() -> credits.tokensConsumed(ALICE, GROUP, 2, "k0")).isInstanceOf(ConflictException.class);
    assertThat(credits.getUserCredits(ALICE).balance(GROUP)).isEqualTo(1_000 - keys);
    Document wallet = db.getCollection("wallets").find(new Document("_id", "alice|api")).first();
    assertThat(wallet.getList("recent", Document.class)).hasSizeLessThanOrEqualTo(StoredWallet.MAX_RECENT);
    assertThat(db.getCollection("wallet_keys").countDocuments()).isGreaterThan(keys / 2);
    assertThat(db.getCollection("wallets").countDocuments()).isEqualTo(1);
    assertThat(store.wallets().findByUser(ALICE)).hasSize(1);
  }

  @Test
  @DisplayName("wallets of different users and groups are separate documents, even with separators in ids")
  void isolation() {
    UserId tricky = UserId.of("alice|api");
    credits.grantTokens(ALICE, "api|x", 5, null, "g1");
    credits.grantTokens(tricky, "x", 7, null, "g2");

    assertThat(credits.getUserCredits(ALICE).balance("api|x")).isEqualTo(5);
    assertThat(credits.getUserCredits(tricky).balance("x")).isEqualTo(7);
    assertThat(db.getCollection("wallets").countDocuments()).isEqualTo(2);
  }

  private static long sum(List<LedgerEntry> entries) {
    return entries.stream().mapToLong(LedgerEntry::amount).sum();
  }

  private static List<Long> seqs(long n) {
    List<Long> out = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      out.add(i);
    }
    return out;
  }
}

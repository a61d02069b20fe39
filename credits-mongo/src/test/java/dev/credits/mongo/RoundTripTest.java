package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.credits.core.Credits;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import dev.credits.testkit.contract.CreditsFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Round trips per facade operation, counted by a driver command listener (every command is one round trip). */
@DisplayName("round trips per operation on MongoDB")
class RoundTripTest {
  private static final UserId BOB = UserId.of("bob");

  private final List<String> commands = new ArrayList<>();
  private final List<MongoClient> others = new ArrayList<>();
  private final CommandListener listener = new CommandListener() {
    @Override
    public void commandStarted(CommandStartedEvent event) {
      synchronized (commands) {
        commands.add(event.getCommandName());
      }
    }
  };
  private String database;
  private MongoClient client;
  private CreditsFixture f;
  private Credits credits;

  @BeforeEach
  void setUp() {
    client = InProcessMongo.client(listener);
    database = InProcessMongo.freshDatabase();
    f = new CreditsFixture(MongoCredits.create(client, database));
    credits = f.credits();
    credits.saveOffer(Offer.builder("pack", "100 tokens").group("api").price("9.00", "EUR").tokens(100).build());
  }

  @AfterEach
  void tearDown() {
    client.close();
    others.forEach(MongoClient::close);
  }

  private List<String> during(Runnable action) {
    synchronized (commands) {
      commands.clear();
    }
    action.run();
    synchronized (commands) {
      List<String> out = List.copyOf(commands);
      System.out.println("round trips: " + out.size() + " " + out);
      return out;
    }
  }

  @Test
  @DisplayName("tokensConsumed is one conditional update, keyed or not: 1 round trip")
  void consume() {
    credits.grantTokens(BOB, "api", 100, null, "g");

    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c1"))).containsExactly("findAndModify");
    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, null))).containsExactly("findAndModify");
  }

  @Test
  @DisplayName("tokensConsumed needs no state in the process: a store that never saw the wallet also spends in 1")
  void consumeCold() {
    credits.grantTokens(BOB, "api", 100, null, "g");
    Credits other = otherProcess();

    assertThat(during(() -> other.tokensConsumed(BOB, "api", 1, "c1"))).containsExactly("findAndModify");
    assertThat(during(() -> other.tokensConsumed(BOB, "api", 1, "c2"))).containsExactly("findAndModify");
    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c3"))).as("after spends elsewhere")
        .containsExactly("findAndModify");
    assertThat(((Consumption.Spent) credits.tokensConsumed(BOB, "api", 1, "c4")).balance()).isEqualTo(96);
  }

  @Test
  @DisplayName("a spend the update cannot prove (an expiry due) takes the general path: the update, a read, a write")
  void consumeWithExpiryDue() {
    credits.grantTokens(BOB, "api", 100, f.clock().instant().plusSeconds(60), "g");
    credits.grantTokens(BOB, "api", 10, null, "g2");
    f.clock().advance(java.time.Duration.ofMinutes(2));

    assertThat(during(() -> assertThat(((Consumption.Spent) credits.tokensConsumed(BOB, "api", 1, "c")).balance())
        .isEqualTo(9))).as("cached state knows the expiry is due: no update tried").containsExactly("update");
    f.clock().advance(java.time.Duration.ofMinutes(1));
    Credits other = otherProcess();
    assertThat(during(() -> other.tokensConsumed(BOB, "api", 1, "d"))).as("nothing due any more")
        .containsExactly("findAndModify");
  }

  @Test
  @DisplayName("a replayed key is answered by the store's own last write (0 round trips), else by the update "
      + "that refuses it and one read; an insufficient balance is confirmed by one read")
  void readOnlyOutcomes() {
    credits.grantTokens(BOB, "api", 3, null, "g");
    credits.tokensConsumed(BOB, "api", 1, "c1");

    Credits other = otherProcess();

    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c1"))).isEmpty();
    assertThat(during(() -> other.tokensConsumed(BOB, "api", 1, "c1"))).containsExactly("findAndModify", "find");
    assertThat(during(() -> assertThat(credits.tokensConsumed(BOB, "api", 5, "c2"))
        .isInstanceOf(Consumption.Insufficient.class))).containsExactly("find");
    Credits third = otherProcess();
    assertThat(during(() -> assertThat(third.tokensConsumed(BOB, "api", 5, "c2"))
        .isInstanceOf(Consumption.Insufficient.class))).containsExactly("findAndModify", "find");
  }

  private static long count(List<String> commands, String name) {
    return commands.stream().filter(name::equals).count();
  }

  @Test
  @DisplayName("every 33rd spend folds the queue in a full write, copying the ledger out: 2 more round trips")
  void amortisedLedgerCopy() {
    credits.grantTokens(BOB, "api", 1_000, null, "g");
    int n = QuickWrites.MAX_QUEUED * 3;

    List<String> all = during(() -> {
      for (int i = 0; i < n; i++) {
        credits.tokensConsumed(BOB, "api", 1, null);
      }
    });

    // spends 33 and 66 find the queue full (the cache knows it): a write of the folded state, after a ledger copy
    assertThat(count(all, "findAndModify")).isEqualTo(n - 2);
    assertThat(count(all, "update")).isEqualTo(2);
    assertThat(count(all, "insert")).isEqualTo(2);
    assertThat(all).hasSize(n + 2);
  }

  @Test
  @DisplayName("keyed spending also moves idempotency records out once per batch, and never reads")
  void amortisedRecordEviction() {
    credits.grantTokens(BOB, "api", 1_000, null, "g");
    int n = QuickWrites.MAX_QUEUED * 3;

    List<String> all = during(() -> {
      for (int i = 0; i < n; i++) {
        credits.tokensConsumed(BOB, "api", 1, "c" + i);
      }
    });

    // 2 folds, each after a ledger copy; the second also moves 32 records out (the window holds 64)
    assertThat(count(all, "find")).isZero();
    assertThat(count(all, "update")).isEqualTo(2);
    assertThat(count(all, "insert")).isEqualTo(3);
    assertThat(all).hasSize(n + 3);
    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c0"))).as("replay of a moved-out key")
        .containsExactly("find", "find");
    Credits other = otherProcess();
    assertThat(during(() -> other.tokensConsumed(BOB, "api", 1, "c1")))
        .as("replay of a moved-out key, cold: the update refuses it (filter), two reads")
        .containsExactly("findAndModify", "find", "find");
    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "new"))).as("a key never used, after evictions")
        .containsExactly("findAndModify");
  }

  @Test
  @DisplayName("getUserCredits is one read; loadOffers two")
  void reads() {
    credits.grantTokens(BOB, "api", 10, null, "g");
    credits.grantTokens(BOB, "other", 10, null, "g");

    assertThat(during(() -> credits.getUserCredits(BOB))).containsExactly("find");
    assertThat(during(() -> credits.loadOffers(BOB))).containsExactly("find", "find");
  }

  @Test
  @DisplayName("createOrder reads the offer and inserts the order: 2 round trips")
  void createOrder() {
    assertThat(during(() -> credits.createOrder(OfferId.of("pack"), BOB, 1)))
        .containsExactly("find", "insert");
  }

  @Test
  @DisplayName("completing a paid order (confirm) costs 4 round trips: first purchase, repeat, and in another process")
  void completion() {
    Order first = credits.createOrder(OfferId.of("pack"), BOB, 1);
    credits.startPayment(first.id(), BOB);

    // owned: find; complete: CAS at the version read; grant: one update that creates the wallet; mark granted: CAS
    assertThat(during(() -> assertThat(credits.confirmPayment(first.id(), BOB).status())
        .isEqualTo(OrderStatus.PAID))).containsExactly("find", "update", "findAndModify", "update");
    assertThat(during(() -> credits.confirmPayment(first.id(), BOB))).containsExactly("find");

    Order again = credits.createOrder(OfferId.of("pack"), BOB, 1);
    credits.startPayment(again.id(), BOB);
    // the wallet this store wrote last takes its grant in one compare-and-set
    assertThat(during(() -> assertThat(credits.confirmPayment(again.id(), BOB).status())
        .isEqualTo(OrderStatus.PAID))).containsExactly("find", "update", "update", "update");

    credits.tokensConsumed(BOB, "api", 30, "spent-before");
    Credits other = otherProcess();
    Order third = credits.createOrder(OfferId.of("pack"), BOB, 1);
    credits.startPayment(third.id(), BOB);
    // a process that never saw the wallet: the grant is queued by one update, behind the queued spend
    assertThat(during(() -> assertThat(other.confirmPayment(third.id(), BOB).status())
        .isEqualTo(OrderStatus.PAID))).containsExactly("find", "update", "findAndModify", "update");
    assertThat(credits.getUserCredits(BOB).balance("api")).isEqualTo(270);
    assertThat(((Consumption.Spent) other.tokensConsumed(BOB, "api", 250, "after")).burned())
        .as("the oldest pack first, then the next").extracting(b -> b.tokens()).containsExactly(70L, 100L, 80L);
  }

  @Test
  @DisplayName("a grant the update cannot prove (the wallet is in debt) takes the general path: 2 more round trips")
  void completionInDebt() {
    String group = CreditsFixture.POSTPAID;
    credits.saveOffer(Offer.builder("post", "100 tokens").group(group).price("9.00", "EUR").tokens(100).build());
    credits.tokensConsumed(BOB, group, 20, "into-debt");
    Credits cold = otherProcess();
    Order order = credits.createOrder(OfferId.of("post"), BOB, 1);
    credits.startPayment(order.id(), BOB);

    assertThat(during(() -> cold.confirmPayment(order.id(), BOB)))
        .containsExactly("find", "update", "findAndModify", "find", "update", "update");
    assertThat(cold.getUserCredits(BOB).balance(group)).as("the debt paid first").isEqualTo(80);
  }

  @Test
  @DisplayName("the counts are the same with 10 and with 10,000 earlier ledger entries (60 days of them)")
  void historyDoesNotCount() {
    credits.grantTokens(BOB, "api", 1_000_000, null, "g");
    for (int i = 0; i < 9; i++) {
      credits.tokensConsumed(BOB, "api", 1, "early-" + i);
    }
    List<List<String>> few = costs("a");
    for (int i = 0; i < 10_000; i++) {
      credits.tokensConsumed(BOB, "api", 1, i % 2 == 0 ? null : "h-" + i);
      f.clock().advance(java.time.Duration.ofSeconds(518)); // 10,000 spends over 60 days, half of them keyed
    }
    assertThat(credits.ledger(BOB, "api", 10_000, 1)).as("10,000 entries before").isNotEmpty();

    assertThat(costs("b")).isEqualTo(few);
  }

  @Test
  @DisplayName("eight threads of one process spending from one wallet take turns to fold its queue: under 1.5 "
      + "round trips a spend")
  void contendedSpendsTakeTurnsToFold() throws Exception {
    credits.grantTokens(BOB, "api", 1_000_000, null, "g");
    int threads = 8;
    int each = 100;
    List<String> all = during(() -> {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              credits.tokensConsumed(BOB, "api", 1);
            }
          }));
        }
        for (Future<?> d : done) {
          d.get();
        }
      } catch (InterruptedException | ExecutionException e) {
        throw new AssertionError(e);
      } finally {
        pool.shutdownNow();
      }
    });

    assertThat(credits.getUserCredits(BOB).balance("api")).isEqualTo(1_000_000 - threads * each);
    // racing each other on the version, the folders cost about 1.8 round trips a spend
    assertThat(all.size()).as("round trips for %d spends", threads * each).isLessThan(threads * each * 3 / 2);
  }

  /** The commands of a keyed spend, warm and cold, of a replay, a credits view, and a completion. */
  private List<List<String>> costs(String tag) {
    Credits other = otherProcess();
    Order order = credits.createOrder(OfferId.of("pack"), BOB, 1);
    credits.startPayment(order.id(), BOB);
    return List.of(
        during(() -> credits.tokensConsumed(BOB, "api", 1, tag + "-warm")),
        during(() -> other.tokensConsumed(BOB, "api", 1, tag + "-cold")),
        during(() -> other.tokensConsumed(BOB, "api", 1, tag + "-warm")),
        during(() -> credits.getUserCredits(BOB)),
        during(() -> other.confirmPayment(order.id(), BOB)));
  }

  /** Another process on the same database: its own client and store, nothing cached. */
  private Credits otherProcess() {
    MongoClient second = InProcessMongo.client(listener);
    others.add(second);
    return Credits.builder()
        .store(MongoCredits.create(second, database))
        .gateway(f.gateway())
        .clock(f.clock())
        .overdraft(CreditsFixture.POSTPAID, CreditsFixture.OVERDRAFT_LIMIT)
        .build();
  }
}

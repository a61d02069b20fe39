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
  @DisplayName("tokensConsumed on a wallet this store wrote last is one compare-and-set write: 1 round trip")
  void consume() {
    credits.grantTokens(BOB, "api", 100, null, "g");

    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c1"))).containsExactly("update");
    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, null))).containsExactly("update");
  }

  @Test
  @DisplayName("tokensConsumed on a wallet this store has not written is a read and a write: 2 round trips")
  void consumeCold() {
    credits.grantTokens(BOB, "api", 100, null, "g");
    Credits other = otherProcess();

    assertThat(during(() -> other.tokensConsumed(BOB, "api", 1, "c1"))).containsExactly("find", "update");
    assertThat(during(() -> other.tokensConsumed(BOB, "api", 1, "c2"))).containsExactly("update");
  }

  @Test
  @DisplayName("a wallet changed elsewhere since this store wrote it costs a failed write, a read and a write: 3")
  void consumeStale() {
    credits.grantTokens(BOB, "api", 100, null, "g");
    otherProcess().tokensConsumed(BOB, "api", 1, "elsewhere");

    assertThat(during(() -> assertThat(((Consumption.Spent) credits.tokensConsumed(BOB, "api", 1, "here")).balance())
        .isEqualTo(98))).containsExactly("update", "find", "update");
  }

  @Test
  @DisplayName("a replayed key is answered by the store's own last write (0 round trips) or one read; "
      + "an insufficient balance is always confirmed by one read")
  void readOnlyOutcomes() {
    credits.grantTokens(BOB, "api", 3, null, "g");
    credits.tokensConsumed(BOB, "api", 1, "c1");

    Credits other = otherProcess();

    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c1"))).isEmpty();
    assertThat(during(() -> other.tokensConsumed(BOB, "api", 1, "c1"))).containsExactly("find");
    assertThat(during(() -> assertThat(credits.tokensConsumed(BOB, "api", 5, "c2"))
        .isInstanceOf(Consumption.Insufficient.class))).containsExactly("find");
  }

  @Test
  @DisplayName("ledger entries are copied out once per batch: one extra insert every FLUSH_AT entries")
  void amortisedLedgerCopy() {
    credits.grantTokens(BOB, "api", 1_000, null, "g");
    int n = MongoWalletStore.FLUSH_AT * 3;

    List<String> all = during(() -> {
      for (int i = 0; i < n; i++) {
        credits.tokensConsumed(BOB, "api", 1, null);
      }
    });

    assertThat(all.stream().filter("insert"::equals).count()).isEqualTo(3);
    assertThat(all).hasSize(n + 3);
  }

  @Test
  @DisplayName("keyed spending also moves idempotency records out once per batch, and never reads")
  void amortisedRecordEviction() {
    credits.grantTokens(BOB, "api", 1_000, null, "g");
    int n = MongoWalletStore.FLUSH_AT * 3;

    List<String> all = during(() -> {
      for (int i = 0; i < n; i++) {
        credits.tokensConsumed(BOB, "api", 1, "c" + i);
      }
    });

    // 3 ledger copies + 2 record evictions (the window holds 64, moves out 32 at a time)
    assertThat(all.stream().filter("insert"::equals).count()).isEqualTo(5);
    assertThat(all.stream().filter("find"::equals).count()).isZero();
    assertThat(all).hasSize(n + 5);
    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c0"))).as("replay of a moved-out key")
        .containsExactly("find", "find");
    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "new"))).as("a key never used, after evictions")
        .containsExactly("update");
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
  @DisplayName("completing a paid order (confirm) costs 5 round trips for a first purchase, 4 for a repeat one")
  void completion() {
    Order first = credits.createOrder(OfferId.of("pack"), BOB, 1);
    credits.startPayment(first.id(), BOB);

    // owned: find; complete: CAS at the version read; grant: wallet find + insert; mark granted: CAS
    assertThat(during(() -> assertThat(credits.confirmPayment(first.id(), BOB).status())
        .isEqualTo(OrderStatus.PAID))).containsExactly("find", "update", "find", "insert", "update");
    assertThat(during(() -> credits.confirmPayment(first.id(), BOB))).containsExactly("find");

    Order again = credits.createOrder(OfferId.of("pack"), BOB, 1);
    credits.startPayment(again.id(), BOB);
    // the wallet this store wrote last takes its grant in one compare-and-set
    assertThat(during(() -> assertThat(credits.confirmPayment(again.id(), BOB).status())
        .isEqualTo(OrderStatus.PAID))).containsExactly("find", "update", "update", "update");
    assertThat(credits.getUserCredits(BOB).balance("api")).isEqualTo(200);
  }

  /** Another process on the same database: its own client and store, nothing cached. */
  private Credits otherProcess() {
    MongoClient second = InProcessMongo.client(listener);
    others.add(second);
    return new CreditsFixture(MongoCredits.create(second, database)).credits();
  }
}

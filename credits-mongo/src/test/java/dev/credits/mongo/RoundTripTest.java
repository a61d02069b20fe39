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
  private MongoClient client;
  private CreditsFixture f;
  private Credits credits;

  @BeforeEach
  void setUp() {
    CommandListener listener = new CommandListener() {
      @Override
      public void commandStarted(CommandStartedEvent event) {
        synchronized (commands) {
          commands.add(event.getCommandName());
        }
      }
    };
    client = InProcessMongo.client(listener);
    f = new CreditsFixture(MongoCredits.create(client, InProcessMongo.freshDatabase()));
    credits = f.credits();
    credits.saveOffer(Offer.builder("pack", "100 tokens").group("api").price("9.00", "EUR").tokens(100).build());
  }

  @AfterEach
  void tearDown() {
    client.close();
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
  @DisplayName("tokensConsumed is a read and a compare-and-set write: 2 round trips")
  void consume() {
    credits.grantTokens(BOB, "api", 100, null, "g");

    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c1"))).containsExactly("find", "update");
    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, null))).containsExactly("find", "update");
  }

  @Test
  @DisplayName("a replayed key, or an insufficient balance, is one read")
  void readOnlyOutcomes() {
    credits.grantTokens(BOB, "api", 3, null, "g");
    credits.tokensConsumed(BOB, "api", 1, "c1");

    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c1"))).containsExactly("find");
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
    assertThat(all).hasSize(2 * n + 3);
  }

  @Test
  @DisplayName("keyed spending also moves idempotency records out once per batch, and never reads twice")
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
    assertThat(all.stream().filter("find"::equals).count()).isEqualTo(n);
    assertThat(all).hasSize(2 * n + 5);
    assertThat(during(() -> credits.tokensConsumed(BOB, "api", 1, "c0"))).as("replay of a moved-out key")
        .containsExactly("find");
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
  @DisplayName("completing a paid order (confirm) costs 7 round trips, granting once")
  void completion() {
    Order order = credits.createOrder(OfferId.of("pack"), BOB, 1);
    credits.startPayment(order.id(), BOB);

    List<String> trips = during(() -> assertThat(credits.confirmPayment(order.id(), BOB).status())
        .isEqualTo(OrderStatus.PAID));

    // owned: find; complete: find + CAS; grant: wallet find + insert; mark granted: find + CAS
    assertThat(trips).containsExactly("find", "find", "update", "find", "insert", "find", "update");
    assertThat(during(() -> credits.confirmPayment(order.id(), BOB))).containsExactly("find");
  }
}

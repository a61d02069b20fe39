package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.credits.core.ConflictException;
import dev.credits.core.Credits;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.UserId;
import dev.credits.testkit.contract.CreditsFixture;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two stores on one database stand for two processes: each skips the read of a wallet it wrote
 * last, so each must notice when the other wrote since, and keys must stay idempotent across both.
 */
@DisplayName("MongoDB wallets written from two processes, each with its own cache")
class MongoWalletCacheTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final String GROUP = "api";

  private String database;
  private Credits here;
  private Credits there;

  @BeforeEach
  void setUp() {
    database = InProcessMongo.freshDatabase();
    here = new CreditsFixture(MongoCredits.create(InProcessMongo.client(), database)).credits();
    there = new CreditsFixture(MongoCredits.create(InProcessMongo.client(), database)).credits();
    here.grantTokens(ALICE, GROUP, 1_000, null, "g");
  }

  private static long balance(Consumption c) {
    return ((Consumption.Spent) c).balance();
  }

  private long ledgerSum() {
    long sum = 0;
    for (LedgerEntry e : here.ledger(ALICE, GROUP, 0, 10_000)) {
      sum += e.amount();
    }
    return sum;
  }

  @Test
  @DisplayName("spending alternately from both loses no write: every spend sees the other's")
  void alternate() {
    for (int i = 1; i <= 40; i++) {
      Credits side = i % 2 == 0 ? here : there;
      assertThat(balance(side.tokensConsumed(ALICE, GROUP, 1, null))).isEqualTo(1_000 - i);
    }

    assertThat(here.getUserCredits(ALICE).balance(GROUP)).isEqualTo(960);
    assertThat(ledgerSum()).isEqualTo(960);
  }

  @Test
  @DisplayName("a key spent in one process is a replay in the other, even where the cache has never seen it")
  void keysAcrossProcesses() {
    Consumption first = here.tokensConsumed(ALICE, GROUP, 5, "k1");
    assertThat(there.tokensConsumed(ALICE, GROUP, 5, "k1")).isEqualTo(first);

    Consumption second = there.tokensConsumed(ALICE, GROUP, 7, "k2");
    // here's cached state predates k2: applying k2 to it must fail its compare-and-set, not spend twice
    assertThat(here.tokensConsumed(ALICE, GROUP, 7, "k2")).isEqualTo(second);
    assertThatThrownBy(() -> here.tokensConsumed(ALICE, GROUP, 8, "k2")).isInstanceOf(ConflictException.class);

    assertThat(here.getUserCredits(ALICE).balance(GROUP)).isEqualTo(988);
    assertThat(ledgerSum()).isEqualTo(988);
  }

  @Test
  @DisplayName("keys moved out of the document by either process stay replays in both")
  void movedOutKeys() {
    int keys = StoredWallet.MAX_RECENT * 3;
    List<Consumption> first = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      first.add((i % 3 == 0 ? there : here).tokensConsumed(ALICE, GROUP, 1, "k" + i));
    }

    for (int i = 0; i < keys; i++) {
      assertThat(here.tokensConsumed(ALICE, GROUP, 1, "k" + i)).as("k%d here", i).isEqualTo(first.get(i));
      assertThat(there.tokensConsumed(ALICE, GROUP, 1, "k" + i)).as("k%d there", i).isEqualTo(first.get(i));
    }
    assertThat(here.getUserCredits(ALICE).balance(GROUP)).isEqualTo(1_000 - keys);
    assertThat(ledgerSum()).isEqualTo(1_000 - keys);
  }

  @Test
  @DisplayName("with the cache turned off every command reads first, and the outcomes are the same")
  void cacheOff() {
    Credits uncached = new CreditsFixture(MongoCredits.create(InProcessMongo.client(), database, 0)).credits();

    Consumption c = uncached.tokensConsumed(ALICE, GROUP, 4, "k");

    assertThat(balance(c)).isEqualTo(996);
    assertThat(here.tokensConsumed(ALICE, GROUP, 4, "k")).isEqualTo(c);
    assertThatThrownBy(() -> MongoCredits.create(InProcessMongo.client(), database, -1))
        .isInstanceOf(InvalidRequestException.class);
  }
}

package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.testkit.stress.InvariantResult;
import dev.credits.testkit.stress.StressHarness;
import dev.credits.testkit.stress.StressReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The testkit's stress harness on the MongoDB store at its full size: 8 threads x 20,000 operations share one store
 * (one client, one fresh database, with the in-process server's lookup indexes of {@link IndexedStores}) through a
 * seeded random mix, then every invariant is checked.
 *
 * <p>It is the longest test of the build: 160,000 operations took 337 s on the in-process server (about 475 a second
 * on two cores, the server's own Java code taking most of them). For a quick local check run a smaller size, e.g.
 * <pre>{@code mvn -B -q -pl credits-mongo -am verify -Dtest=MongoStressTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcredits.stress.ops=2500}</pre>
 * ({@code -Dcredits.stress.threads} and {@code -Dcredits.stress.seed} set the rest; seed 42 by default).
 *
 * <p>It runs the harness's {@link StressHarness.Mode#LIFECYCLE} mode, whose mix is the standard one plus what real
 * processors do (declines and retries, processing debits, late money, disputes, refunds that fail), checked by one
 * more invariant: money and tokens agree for every order. {@code -Dcredits.stress.mode=standard} runs the standard
 * mix instead.
 */
@DisplayName("the MongoDB store under concurrent random operations (stress harness)")
class MongoStressTest {
  @Test
  @DisplayName("keeps every invariant of the stress harness")
  void keepsEveryInvariant() {
    int threads = Integer.getInteger("credits.stress.threads", 8);
    int ops = Integer.getInteger("credits.stress.ops", 20_000);
    long seed = Long.getLong("credits.stress.seed", 42L);
    StressHarness.Mode mode = StressHarness.Mode.valueOf(System.getProperty("credits.stress.mode", "lifecycle")
        .toUpperCase(java.util.Locale.ROOT));

    StressReport report = new StressHarness(IndexedStores::fresh, threads, ops, seed, mode).run();
    System.out.print(report.details());

    assertThat(report.operations()).isEqualTo((long) threads * ops);
    assertThat(report.invariants()).extracting(InvariantResult::name).contains("balance-within-overdraft",
        "ledger-sums-to-balance", "paid-orders-granted-once", "consumptions-debited-once", "refunds-recorded-once",
        "idempotent-replays", "no-unexpected-errors");
    assertThat(report.failures()).as(report.details()).isEmpty();
    assertThat(report.counts()).containsKeys("orders seen paid", "consumptions spent", "consumption replays",
        "holds captured", "refunds", "sweeps");
    if (mode == StressHarness.Mode.LIFECYCLE) {
      assertThat(report.invariants()).extracting(InvariantResult::name).contains("money-and-tokens-agree");
      assertThat(report.counts()).containsKeys("stories: declined first", "stories: processing debit",
          "stories: late money", "stories: cancel lost to the payment", "disputes won", "disputes lost",
          "refunds failed later");
    }
  }
}

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
 */
@DisplayName("the MongoDB store under concurrent random operations (stress harness)")
class MongoStressTest {
  @Test
  @DisplayName("keeps every invariant of the stress harness")
  void keepsEveryInvariant() {
    int threads = Integer.getInteger("credits.stress.threads", 8);
    int ops = Integer.getInteger("credits.stress.ops", 20_000);
    long seed = Long.getLong("credits.stress.seed", 42L);

    StressReport report = new StressHarness(IndexedStores::fresh, threads, ops, seed).run();
    System.out.print(report.details());

    assertThat(report.operations()).isEqualTo((long) threads * ops);
    assertThat(report.invariants()).extracting(InvariantResult::name).contains("balance-within-overdraft",
        "ledger-sums-to-balance", "paid-orders-granted-once", "consumptions-debited-once", "refunds-recorded-once",
        "idempotent-replays", "no-unexpected-errors");
    assertThat(report.failures()).as(report.details()).isEmpty();
    assertThat(report.counts()).containsKeys("orders seen paid", "consumptions spent", "consumption replays",
        "holds captured", "refunds", "sweeps");
  }
}

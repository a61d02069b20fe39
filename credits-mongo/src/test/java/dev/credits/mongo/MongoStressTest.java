package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.testkit.stress.InvariantResult;
import dev.credits.testkit.stress.StressHarness;
import dev.credits.testkit.stress.StressReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The testkit's stress harness on the MongoDB store: 8 threads share one store (one client, one
 * fresh database, with the in-process server's lookup indexes of {@link IndexedStores}) through a
 * seeded random mix, then every invariant is checked.
 *
 * <p>By default 8 threads x 2,500 operations (20,000, about 30 s on the in-process server): the
 * harness's full size, 8 x 20,000, took 236 s there (about 680 operations a second on two shared
 * cores), too long for every build. Run the full size with
 * <pre>{@code mvn -B -q -pl credits-mongo -am verify -Dtest=MongoStressTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcredits.stress.ops=20000}</pre>
 * ({@code -Dcredits.stress.threads} and {@code -Dcredits.stress.seed} set the rest; seed 42 by default).
 */
@DisplayName("the MongoDB store under concurrent random operations (stress harness)")
class MongoStressTest {
  @Test
  @DisplayName("keeps every invariant of the stress harness")
  void keepsEveryInvariant() {
    int threads = Integer.getInteger("credits.stress.threads", 8);
    int ops = Integer.getInteger("credits.stress.ops", 2_500);
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

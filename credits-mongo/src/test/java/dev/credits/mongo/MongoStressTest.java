package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.testkit.stress.InvariantResult;
import dev.credits.testkit.stress.StressHarness;
import dev.credits.testkit.stress.StressReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The testkit's stress harness on the MongoDB store: 8 threads share one store (one client, one
 * fresh database) through a seeded random mix, then every invariant is checked.
 *
 * <p>The size is 8 threads x 20,000 operations unless {@code -Dcredits.stress.threads} or
 * {@code -Dcredits.stress.ops} say otherwise, and the seed 42 unless {@code -Dcredits.stress.seed}.
 */
@DisplayName("the MongoDB store under concurrent random operations (stress harness)")
class MongoStressTest {
  @Test
  @DisplayName("keeps every invariant of the stress harness")
  void keepsEveryInvariant() {
    int threads = Integer.getInteger("credits.stress.threads", 8);
    int ops = Integer.getInteger("credits.stress.ops", 20_000);
    long seed = Long.getLong("credits.stress.seed", 42L);

    StressReport report = new StressHarness(InProcessMongo::freshStore, threads, ops, seed).run();
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

package dev.credits.testkit.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.memory.InMemoryCreditsStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the in-memory store under 8 threads x 20,000 random operations")
class InMemoryStressTest {
  @Test
  @DisplayName("keeps every invariant")
  void keepsEveryInvariant() {
    StressReport report = new StressHarness(InMemoryCreditsStore::new, 8, 20_000, 42).run();
    System.out.print(report.details());

    assertThat(report.operations()).isEqualTo(160_000);
    assertThat(report.invariants()).extracting(InvariantResult::name).containsExactly("balance-within-overdraft",
        "ledger-sums-to-balance", "paid-orders-granted-once", "consumptions-debited-once", "refunds-recorded-once",
        "idempotent-replays", "no-unexpected-errors");
    assertThat(report.failures()).as(report.details()).isEmpty();
    // the mix really exercised what the invariants are about
    assertThat(report.counts()).containsKeys("orders seen paid", "consumptions spent", "consumptions insufficient",
        "consumption replays", "holds captured", "holds released", "holds left to expire", "refunds", "refund replays",
        "clock jumps", "sweeps");
    assertThat(report.counts().get("orders seen paid")).isGreaterThan(1_000);
  }

  @Test
  @DisplayName("keeps every invariant, money and tokens agreeing, when the processor runs the whole payment lifecycle")
  void keepsEveryInvariantInLifecycleMode() {
    StressReport report = new StressHarness(InMemoryCreditsStore::new, 8, 20_000, 42, StressHarness.Mode.LIFECYCLE).run();
    System.out.print(report.details());

    assertThat(report.invariants()).extracting(InvariantResult::name).endsWith("money-and-tokens-agree");
    assertThat(report.failures()).as(report.details()).isEmpty();
    assertThat(report.counts()).containsKeys("stories: declined first", "stories: processing debit",
        "stories: late money", "stories: cancel lost to the payment", "disputes won", "disputes lost",
        "refunds failed later", "customer payments");
    assertThat(report.counts().get("disputes lost")).isGreaterThan(100);
    assertThat(report.counts().get("refunds failed later")).isGreaterThan(100);
  }
}

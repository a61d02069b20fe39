package dev.credits.testkit.stress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a wallet store whose consumption is a read then an unsynchronised write")
class BrokenStoreIsCaughtTest {
  @Test
  @DisplayName("is reported by the stress harness as breaking the ledger and consumption invariants")
  void lostUpdatesAreReported() {
    StressReport report = new StressHarness(RacyCreditsStore::new, 8, 3_000, 7).run();
    System.out.print(report.details());

    assertThat(report.allPassed()).isFalse();
    assertThat(report.failures()).extracting(InvariantResult::name)
        .containsAnyOf("ledger-sums-to-balance", "consumptions-debited-once");
    assertThat(report.summary()).contains("FAILED");
  }
}

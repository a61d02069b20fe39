package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.adjustment;
import static dev.credits.core.spi.WalletRun.hold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.Limits;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WalletEngine: a wallet holds at most Limits.MAX_ACTIVE_HOLDS active holds")
class HoldLimitTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");

  @Test
  @DisplayName("the hold beyond the limit is refused and writes nothing; once one is released another fits")
  void boundedHolds() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 10_000, null), T0);
    Instant later = T0.plus(Duration.ofHours(1));
    for (int i = 0; i < Limits.MAX_ACTIVE_HOLDS; i++) {
      assertThat(run.apply(hold("h" + i, 1, later), T0)).isInstanceOf(HoldResult.Held.class);
    }
    int entries = run.ledger.size();

    assertThatThrownBy(() -> run.apply(hold("one-more", 1, later), T0)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("MAX_ACTIVE_HOLDS");
    assertThat(run.ledger).hasSize(entries);

    run.apply(new WalletCommand.ReleaseHold(WalletRun.KEY, HoldId.of("h0"), null), T0);
    assertThat(run.apply(hold("one-more", 1, later), T0)).isInstanceOf(HoldResult.Held.class);
  }
}

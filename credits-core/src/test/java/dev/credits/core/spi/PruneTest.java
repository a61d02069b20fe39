package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.KEY;
import static dev.credits.core.spi.WalletRun.adjustment;
import static dev.credits.core.spi.WalletRun.consume;
import static dev.credits.core.spi.WalletRun.hold;
import static dev.credits.core.spi.WalletRun.settle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.GrantState;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldSettlement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WalletEngine: pruning ended grants")
class PruneTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant END = T0.plus(Duration.ofDays(10));

  @Test
  @DisplayName("an ended grant is kept for the retention period, then dropped")
  void retention() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 100, END), T0);

    run.apply(settle(), END.plus(WalletEngine.RETENTION));
    assertThat(run.grant("g").state()).isEqualTo(GrantState.EXPIRED);

    run.apply(settle(), END.plus(WalletEngine.RETENTION).plusNanos(1));
    assertThat(run.grant("g")).isNull();
  }

  @Test
  @DisplayName("an ended grant that an active hold points at is kept past the retention period")
  void keptWhileHeld() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 100, END), T0);
    Instant holdEnd = END.plus(WalletEngine.RETENTION).plus(Duration.ofDays(5));
    run.apply(hold("h", 30, holdEnd), T0);

    run.apply(settle(), holdEnd.minusSeconds(1));
    assertThat(run.grant("g")).isNotNull();
    assertThat(run.grant("g").state()).isEqualTo(GrantState.EXPIRED);

    run.apply(settle(), holdEnd);
    assertThat(run.grant("g")).isNull();
    assertThat(run.balance()).isZero();
  }

  @Test
  @DisplayName("a spent never-expiring grant is dropped, but not while a hold points at it: its tokens come back")
  void spentForeverKeptWhileHeld() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 30, null), T0);
    run.apply(hold("h", 30, END), T0);
    assertThat(run.grant("g").remaining()).isZero();
    assertThat(run.grant("g")).as("held from, so kept").isNotNull();

    HoldSettlement released = run.apply(new WalletCommand.ReleaseHold(KEY, HoldId.of("h"), null), T0.plusSeconds(1));

    assertThat(released.returned()).isEqualTo(30);
    assertThat(run.balance()).isEqualTo(30);
    assertThat(run.grant("g").remaining()).isEqualTo(30);
  }

  @Test
  @DisplayName("a never-expiring grant is dropped as soon as it is spent")
  void spentForeverDropped() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 30, null), T0);
    run.apply(adjustment("h", 30, null), T0);

    run.apply(consume(30), T0.plusSeconds(1));

    assertThat(run.wallet.grants()).extracting(g -> g.id()).containsExactly("h");
  }

  @Test
  @DisplayName("the wallet a command stores is at rest: settling it at the same instant writes nothing")
  void storedWalletIsAtRest() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 30, null), T0);
    run.apply(adjustment("h", 30, null), T0);
    Instant t1 = T0.plusSeconds(1);
    run.apply(consume(30), t1);

    run.apply(settle(), t1);

    assertThat(run.last.changed()).isFalse();
    assertThat(WalletEngine.view(run.wallet, t1)).isSameAs(run.wallet);
  }

  @Test
  @DisplayName("only the most recent ended grants are kept, so a heavy buyer's wallet stays small")
  void endedGrantsAreBounded() {
    WalletRun run = new WalletRun();
    for (int day = 0; day < 40; day++) {
      Instant at = T0.plus(Duration.ofDays(day));
      run.apply(adjustment("g" + day, 10, at.plus(Duration.ofHours(1))), at);
    }
    run.apply(settle(), T0.plus(Duration.ofDays(41)));

    assertThat(run.wallet.grants()).hasSize(WalletEngine.MAX_ENDED_KEPT);
    assertThat(run.grant("g39")).as("the latest ended grant is kept").isNotNull();
    assertThat(run.grant("g0")).as("the oldest is dropped").isNull();
    assertThat(run.balance()).isZero();
  }
}

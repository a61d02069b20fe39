package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.adjustment;
import static dev.credits.core.spi.WalletRun.consume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Burn;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.LedgerEntryType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WalletEngine: burn order")
class BurnOrderTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofDays(1));

  @Test
  @DisplayName("spends the grant that expires first, then the older at equal expiry, never-expiring last and older first")
  void burnOrder() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("forever-old", 10, null), T0);
    run.apply(adjustment("march-old", 10, Instant.parse("2026-03-01T00:00:00Z")), T0);
    run.apply(adjustment("forever-young", 10, null), T1);
    run.apply(adjustment("feb", 10, Instant.parse("2026-02-15T00:00:00Z")), T1);
    run.apply(adjustment("march-young", 10, Instant.parse("2026-03-01T00:00:00Z")), T1);

    Consumption result = run.apply(consume(45), T1.plusSeconds(1));

    assertThat(result).isInstanceOfSatisfying(Consumption.Spent.class, spent -> {
      assertThat(spent.burned()).containsExactly(new Burn("feb", 10), new Burn("march-old", 10),
          new Burn("march-young", 10), new Burn("forever-old", 10), new Burn("forever-young", 5));
      assertThat(spent.balance()).isEqualTo(5);
      assertThat(spent.overdraft()).isZero();
    });
    assertThat(run.grant("forever-young").remaining()).isEqualTo(5);
  }

  @Test
  @DisplayName("a partial spend takes only from the first grant in burn order")
  void partial() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("late", 100, T0.plus(Duration.ofDays(30))), T0);
    run.apply(adjustment("soon", 100, T0.plus(Duration.ofDays(2))), T0);

    Consumption result = run.apply(consume(30), T1);

    assertThat(((Consumption.Spent) result).burned()).containsExactly(new Burn("soon", 30));
    assertThat(run.grant("soon").remaining()).isEqualTo(70);
    assertThat(run.grant("late").remaining()).isEqualTo(100);
  }

  @Test
  @DisplayName("not enough tokens is a result that records nothing and spends nothing")
  void insufficient() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 10, null), T0);
    Wallet before = run.wallet;

    Consumption result = run.apply(consume(11), T1);

    assertThat(result).isEqualTo(new Consumption.Insufficient(11, 10, 0));
    assertThat(run.last.changed()).isFalse();
    assertThat(run.last.effective()).isFalse();
    assertThat(run.wallet).isSameAs(before);
  }

  @Test
  @DisplayName("expired tokens are never spent, even when no sweep recorded the expiry")
  void expiredNotSpendable() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("short", 50, T1), T0);
    run.apply(adjustment("long", 5, null), T0);

    Consumption result = run.apply(consume(6), T1);

    assertThat(result).isEqualTo(new Consumption.Insufficient(6, 5, 0));
    assertThat(run.last.changed()).as("the due expiry is written").isTrue();
    assertThat(run.last.effective()).isFalse();
    assertThat(run.grant("short").state()).isEqualTo(GrantState.EXPIRED);
    assertThat(run.ledger).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(LedgerEntryType.EXPIRE);
      assertThat(e.amount()).isEqualTo(-50);
      assertThat(e.at()).isEqualTo(T1);
    });
  }

  @Test
  @DisplayName("a grant is spendable until the instant before its end, not at it")
  void endIsExclusive() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 10, T1), T0);

    assertThat(run.apply(consume(1), T1.minusNanos(1))).isInstanceOf(Consumption.Spent.class);
    assertThat(run.apply(consume(1), T1)).isInstanceOf(Consumption.Insufficient.class);
  }
}

package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.adjustment;
import static dev.credits.core.spi.WalletRun.consume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Consumption;
import dev.credits.core.model.LedgerEntry;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Structure, not timing: what a command reads and writes must not grow with the user's history. */
@DisplayName("WalletEngine: cost does not grow with history")
class ScaleTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");

  @Test
  @DisplayName("the wallet holds no ledger: no component of Wallet is or contains a LedgerEntry")
  void walletHoldsNoLedger() {
    for (RecordComponent c : Wallet.class.getRecordComponents()) {
      assertThat(mentionsLedgerEntry(c.getGenericType())).as(c.getName()).isFalse();
    }
  }

  private static boolean mentionsLedgerEntry(Type type) {
    if (type == LedgerEntry.class) {
      return true;
    }
    if (type instanceof ParameterizedType) {
      for (Type arg : ((ParameterizedType) type).getActualTypeArguments()) {
        if (mentionsLedgerEntry(arg)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  @DisplayName("after 10,000 spends a spend reads the same one-grant wallet and writes one entry, as the first did")
  void consumeIsConstant() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 1_000_000, null), T0);
    Wallet afterFirst = null;

    for (int i = 1; i <= 10_000; i++) {
      Consumption c = run.apply(consume(1), T0.plusSeconds(i));
      assertThat(run.last.entries()).hasSize(1);
      assertThat(((Consumption.Spent) c).burned()).hasSize(1);
      if (i == 1) {
        afterFirst = run.wallet;
      }
    }

    assertThat(run.wallet.grants()).hasSameSizeAs(afterFirst.grants()).hasSize(1);
    assertThat(run.wallet.holds()).isEmpty();
    assertThat(run.wallet.ledgerSeq()).isEqualTo(10_001);
    assertThat(run.wallet.version()).isEqualTo(afterFirst.version() + 9_999);
    assertThat(run.balance()).isEqualTo(1_000_000 - 10_000);
  }

  @Test
  @DisplayName("a user who buys a daily grant every day for years keeps a wallet of bounded size")
  void endedGrantsDoNotAccumulate() {
    WalletRun run = new WalletRun();
    int atDay200 = 0;
    for (int day = 0; day < 1_000; day++) {
      Instant now = T0.plus(Duration.ofDays(day));
      run.apply(adjustment("d" + day, 10, now.plus(Duration.ofDays(1))), now);
      run.apply(consume(3), now.plusSeconds(60));
      if (day == 200) {
        atDay200 = run.wallet.grants().size();
      }
    }

    long retainedDays = WalletEngine.RETENTION.toDays();
    assertThat(run.wallet.grants()).hasSize(atDay200).hasSizeLessThanOrEqualTo((int) retainedDays + 2);
    assertThat(run.ledger).hasSizeGreaterThan(2_000);
  }
}

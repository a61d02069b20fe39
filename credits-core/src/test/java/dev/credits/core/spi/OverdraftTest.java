package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.adjustment;
import static dev.credits.core.spi.WalletRun.consumeOnCredit;
import static dev.credits.core.spi.WalletRun.orderGrant;
import static dev.credits.core.spi.WalletRun.settle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Burn;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WalletEngine: overdraft and debt")
class OverdraftTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  @Test
  @DisplayName("spending on credit goes below zero down to the limit and not one token further")
  void downToLimit() {
    WalletRun run = new WalletRun();

    Consumption first = run.apply(consumeOnCredit(30, 50), T0);
    Consumption tooMuch = run.apply(consumeOnCredit(21, 50), T0);
    Consumption exact = run.apply(consumeOnCredit(20, 50), T0);

    assertThat(first).isEqualTo(new Consumption.Spent(30, -30, java.util.List.of(), 30, 1));
    assertThat(tooMuch).isEqualTo(new Consumption.Insufficient(21, -30, 20));
    assertThat(exact).isInstanceOfSatisfying(Consumption.Spent.class, s -> assertThat(s.balance()).isEqualTo(-50));
    assertThat(run.wallet.debt()).isEqualTo(50);
  }

  @Test
  @DisplayName("a spend larger than the balance burns the balance and borrows the rest")
  void burnThenBorrow() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 10, null), T0);

    Consumption spent = run.apply(consumeOnCredit(25, 50), T1);

    assertThat(spent).isEqualTo(new Consumption.Spent(25, -15, java.util.List.of(new Burn("g", 10)), 15, 2));
    assertThat(run.wallet.debt()).isEqualTo(15);
  }

  @Test
  @DisplayName("a grant that activates pays the debt first, and its ledger entry records the full grant")
  void activationRepaysDebt() {
    WalletRun run = new WalletRun();
    run.apply(consumeOnCredit(30, 50), T0);

    run.apply(adjustment("g", 100, null), T1);

    assertThat(run.wallet.debt()).isZero();
    assertThat(run.grant("g").remaining()).isEqualTo(70);
    assertThat(run.balance()).isEqualTo(70);
    assertThat(run.ledger).last().extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::balanceAfter)
        .containsExactly(LedgerEntryType.ADJUSTMENT, 100L, 70L);
  }

  @Test
  @DisplayName("a grant smaller than the debt is used up and the rest of the debt stays")
  void partialRepayment() {
    WalletRun run = new WalletRun();
    run.apply(consumeOnCredit(30, 50), T0);

    run.apply(adjustment("g", 20, null), T1);

    assertThat(run.wallet.debt()).isEqualTo(10);
    assertThat(run.balance()).isEqualTo(-10);
    assertThat(run.ledger).last().extracting(LedgerEntry::amount, LedgerEntry::balanceAfter)
        .containsExactly(20L, -10L);
  }

  @Test
  @DisplayName("a scheduled period repays debt when it starts, not when it is bought")
  void scheduledRepaysAtStart() {
    WalletRun run = new WalletRun();
    run.apply(orderGrant("m1", "o1", 100, Cycle.MONTHLY, true), T0);
    run.apply(orderGrant("m2", "o2", 100, Cycle.MONTHLY, true), T0);
    run.apply(consumeOnCredit(130, 50), T1);
    assertThat(run.wallet.debt()).isEqualTo(30);
    assertThat(run.grant("m2").remaining()).isEqualTo(100);

    run.apply(settle(), Instant.parse("2026-02-28T10:00:00Z"));

    assertThat(run.wallet.debt()).isZero();
    assertThat(run.grant("m2").remaining()).isEqualTo(70);
    assertThat(run.balance()).isEqualTo(70);
  }

  @Test
  @DisplayName("holds never use overdraft")
  void holdsDoNotBorrow() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 10, null), T0);

    assertThat(run.apply(WalletRun.hold("h", 11, T1), T0))
        .isEqualTo(new dev.credits.core.model.HoldResult.Insufficient(11, 10));
  }
}

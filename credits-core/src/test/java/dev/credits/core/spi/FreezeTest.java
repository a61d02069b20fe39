package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.KEY;
import static dev.credits.core.spi.WalletRun.consume;
import static dev.credits.core.spi.WalletRun.hold;
import static dev.credits.core.spi.WalletRun.orderGrant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.OrderId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WalletEngine: disputes freeze and release an order's grants")
class FreezeTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private static WalletCommand.Freeze freeze(boolean frozen) {
    return new WalletCommand.Freeze(KEY, OrderId.of("o1"), frozen);
  }

  private static WalletRun bought(long tokens, Cycle cycle) {
    WalletRun run = new WalletRun();
    run.apply(orderGrant("g", "o1", tokens, cycle, false), T0);
    return run;
  }

  @Test
  @DisplayName("freezing takes the unspent tokens out of the balance with a DISPUTE entry; freezing again changes nothing")
  void freezeIsAbsolute() {
    WalletRun run = bought(100, Cycle.ONCE);
    run.apply(consume(30), T0);

    long frozen = run.apply(freeze(true), T1);
    long again = run.apply(freeze(true), T1);

    assertThat(frozen).isEqualTo(70);
    assertThat(again).isZero();
    assertThat(run.grant("g").state()).isEqualTo(GrantState.FROZEN);
    assertThat(run.grant("g").remaining()).isEqualTo(70);
    assertThat(run.ledger).last().extracting(LedgerEntry::type, LedgerEntry::amount)
        .containsExactly(LedgerEntryType.DISPUTE, -70L);
    assertThat(run.apply(consume(1), T1)).isInstanceOf(Consumption.Insufficient.class);
  }

  @Test
  @DisplayName("releasing gives the tokens back; a grant whose period ended meanwhile expires at once")
  void releaseAndExpire() {
    WalletRun live = bought(100, Cycle.ONCE);
    live.apply(freeze(true), T1);
    assertThat(live.apply(freeze(false), T1)).isEqualTo(100);
    assertThat(live.grant("g").state()).isEqualTo(GrantState.ACTIVE);
    assertThat(live.ledger).last().extracting(LedgerEntry::type, LedgerEntry::amount)
        .containsExactly(LedgerEntryType.DISPUTE, 100L);

    WalletRun ended = bought(100, Cycle.of(Duration.ofHours(1)));
    ended.apply(freeze(true), T1);
    ended.apply(freeze(false), T0.plus(Duration.ofHours(2)));
    assertThat(ended.grant("g").state()).isEqualTo(GrantState.EXPIRED);
    assertThat(ended.ledger).last().extracting(LedgerEntry::type, LedgerEntry::amount)
        .containsExactly(LedgerEntryType.EXPIRE, -100L);
  }

  @Test
  @DisplayName("held tokens given back into a frozen grant stay frozen, and the ledger still sums to the balance")
  void holdGivesBackIntoFrozenGrant() {
    WalletRun run = bought(100, Cycle.ONCE);
    run.apply(hold("h1", 40, T0.plus(Duration.ofMinutes(10))), T0);
    run.apply(freeze(true), T1);

    run.apply(new WalletCommand.ReleaseHold(KEY, HoldId.of("h1"), null), T1);

    assertThat(run.grant("g").state()).isEqualTo(GrantState.FROZEN);
    assertThat(run.grant("g").remaining()).isEqualTo(100);
    assertThat(run.ledger.stream().mapToLong(LedgerEntry::amount).sum()).isZero();
  }

  @Test
  @DisplayName("a full reversal revokes a frozen grant without another entry: its tokens already left the balance")
  void lostDisputeRevokesFrozen() {
    WalletRun run = bought(100, Cycle.ONCE);
    run.apply(freeze(true), T1);
    int entries = run.ledger.size();

    long taken = run.apply(new WalletCommand.Reverse(KEY, OrderId.of("o1"), 1000, 1000, null), T1);

    assertThat(taken).isEqualTo(100);
    assertThat(run.grant("g").state()).isEqualTo(GrantState.REVOKED);
    assertThat(run.ledger).hasSize(entries);
  }

  @Test
  @DisplayName("a refund that fails while its grant is frozen is restored in the ledger, and stays frozen until released")
  void restoreIntoFrozenGrant() {
    WalletRun run = bought(100, Cycle.ONCE);
    run.apply(new WalletCommand.Reverse(KEY, OrderId.of("o1"), 500, 1000, null), T1);
    run.apply(freeze(true), T1);
    long balance = run.ledger.stream().mapToLong(LedgerEntry::amount).sum();

    run.apply(new WalletCommand.Reverse(KEY, OrderId.of("o1"), 0, 1000, null), T1);

    assertThat(run.ledger).extracting(LedgerEntry::type).endsWith(LedgerEntryType.REFUND_FAILED,
        LedgerEntryType.DISPUTE);
    assertThat(run.ledger.stream().mapToLong(LedgerEntry::amount).sum()).isEqualTo(balance).isZero();
    assertThat(run.grant("g").remaining()).isEqualTo(100);
    assertThat(run.apply(freeze(false), T1)).isEqualTo(100);
  }
}

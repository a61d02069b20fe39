package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.KEY;
import static dev.credits.core.spi.WalletRun.consume;
import static dev.credits.core.spi.WalletRun.hold;
import static dev.credits.core.spi.WalletRun.orderGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.OrderId;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WalletEngine: refund reversal")
class ReversalTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private static WalletCommand.Reverse reverse(long refunded, long total) {
    return new WalletCommand.Reverse(KEY, OrderId.of("o1"), refunded, total, null);
  }

  private static WalletRun bought(long tokens) {
    WalletRun run = new WalletRun();
    run.apply(orderGrant("g", "o1", tokens, Cycle.ONCE, false), T0);
    return run;
  }

  @Test
  @DisplayName("a partial refund takes back the same share of the grant, recorded as REFUND")
  void partial() {
    WalletRun run = bought(100);

    long taken = run.apply(reverse(250, 1000), T1);

    assertThat(taken).isEqualTo(25);
    assertThat(run.grant("g").remaining()).isEqualTo(75);
    assertThat(run.grant("g").reversed()).isEqualTo(25);
    assertThat(run.grant("g").state()).isEqualTo(GrantState.ACTIVE);
    assertThat(run.ledger).last().extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::orderId)
        .containsExactly(LedgerEntryType.REFUND, -25L, "o1");
  }

  @Test
  @DisplayName("levels are absolute: replaying the same level takes nothing more; a lower one gives back the difference")
  void absoluteLevels() {
    WalletRun run = bought(100);
    run.apply(reverse(500, 1000), T1);
    int entries = run.ledger.size();

    long same = run.apply(reverse(500, 1000), T1);
    assertThat(same).isZero();
    assertThat(run.ledger).hasSize(entries);

    long lower = run.apply(reverse(100, 1000), T1);
    long lowerAgain = run.apply(reverse(100, 1000), T1);

    assertThat(lower).isEqualTo(-40);
    assertThat(lowerAgain).isZero();
    assertThat(run.grant("g").remaining()).isEqualTo(90);
    assertThat(run.grant("g").reversed()).isEqualTo(10);
    assertThat(run.ledger).hasSize(entries + 1);
    assertThat(run.ledger.get(entries).type()).isEqualTo(dev.credits.core.model.LedgerEntryType.REFUND_FAILED);
    assertThat(run.ledger.get(entries).amount()).isEqualTo(40);
  }

  @Test
  @DisplayName("a full refund that fails brings a revoked grant back with exactly what it took")
  void fullRefundFailed() {
    WalletRun run = bought(100);
    run.apply(reverse(1000, 1000), T1);
    assertThat(run.grant("g").state()).isEqualTo(GrantState.REVOKED);

    long restored = run.apply(reverse(0, 1000), T1);

    assertThat(restored).isEqualTo(-100);
    assertThat(run.grant("g").state()).isEqualTo(GrantState.ACTIVE);
    assertThat(run.grant("g").remaining()).isEqualTo(100);
  }

  @Test
  @DisplayName("a refund that fails after the grant's period ended gives the tokens back and expires them at once")
  void failedRefundAfterExpiry() {
    WalletRun run = new WalletRun();
    run.apply(orderGrant("g", "o1", 100, Cycle.of(java.time.Duration.ofHours(1)), false), T0);
    run.apply(reverse(500, 1000), T1);

    run.apply(reverse(0, 1000), T0.plus(java.time.Duration.ofHours(2)));

    assertThat(run.grant("g").reversed()).isZero();
    assertThat(run.grant("g").state()).isEqualTo(GrantState.EXPIRED);
    assertThat(run.ledger).extracting(LedgerEntry::type).endsWith(LedgerEntryType.REFUND_FAILED,
        LedgerEntryType.EXPIRE);
    assertThat(run.ledger.stream().mapToLong(LedgerEntry::amount).sum()).isZero();
  }

  @Test
  @DisplayName("a full refund of a spent grant that fails makes the grant live again, with no tokens to give back")
  void spentRevokedGrantIsLiveAgain() {
    WalletRun run = bought(100);
    run.apply(consume(100), T0);
    run.apply(reverse(1000, 1000), T1);
    assertThat(run.grant("g").state()).isEqualTo(GrantState.REVOKED);

    assertThat(run.apply(reverse(0, 1000), T1)).isZero();

    assertThat(run.grant("g").state()).isEqualTo(GrantState.ACTIVE);
  }

  @Test
  @DisplayName("a higher level takes only the difference")
  void higherLevelTakesDifference() {
    WalletRun run = bought(100);
    run.apply(reverse(300, 1000), T1);

    long more = run.apply(reverse(500, 1000), T1);

    assertThat(more).isEqualTo(20);
    assertThat(run.grant("g").reversed()).isEqualTo(50);
  }

  @Test
  @DisplayName("shares round down: 1/3 of 100 tokens is 33")
  void roundsDown() {
    WalletRun run = bought(100);

    assertThat(run.apply(reverse(1, 3), T1)).isEqualTo(33);
    assertThat(run.apply(reverse(2, 3), T1)).isEqualTo(33);
    assertThat(run.apply(reverse(3, 3), T1)).isEqualTo(34);
  }

  @Test
  @DisplayName("tokens already spent are not taken back")
  void spentStaysSpent() {
    WalletRun run = bought(100);
    run.apply(consume(80), T1);

    long half = run.apply(reverse(500, 1000), T1);
    long more = run.apply(reverse(750, 1000), T1);

    assertThat(half).isEqualTo(20);
    assertThat(more).isZero();
    assertThat(run.balance()).isZero();
  }

  @Test
  @DisplayName("a full refund takes everything left and revokes the grant; a replay takes nothing")
  void full() {
    WalletRun run = bought(100);
    run.apply(consume(10), T1);

    long taken = run.apply(reverse(1000, 1000), T1);
    long replay = run.apply(reverse(1000, 1000), T1);

    assertThat(taken).isEqualTo(90);
    assertThat(replay).isZero();
    assertThat(run.balance()).isZero();
  }

  @Test
  @DisplayName("held tokens of a revoked grant are written off as REFUND when the hold is released")
  void heldTokensOfRevokedGrant() {
    WalletRun run = bought(100);
    run.apply(hold("h", 30, T1.plusSeconds(600)), T1);

    run.apply(reverse(1000, 1000), T1);
    run.apply(new WalletCommand.ReleaseHold(KEY, HoldId.of("h"), null), T1);

    assertThat(run.balance()).isZero();
    assertThat(run.ledger).last().extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::balanceAfter)
        .containsExactly(LedgerEntryType.REFUND, -30L, 0L);
  }

  @Test
  @DisplayName("other orders' grants are untouched")
  void otherOrders() {
    WalletRun run = bought(100);
    run.apply(orderGrant("other", "o2", 100, Cycle.ONCE, false), T0);

    run.apply(reverse(1000, 1000), T1);

    assertThat(run.grant("other").remaining()).isEqualTo(100);
    assertThat(run.balance()).isEqualTo(100);
  }

  @Test
  @DisplayName("a scheduled grant loses its share before it starts, with no ledger entry until it activates")
  void scheduled() {
    WalletRun run = new WalletRun();
    run.apply(orderGrant("m1", "o0", 100, Cycle.MONTHLY, true), T0);
    run.apply(orderGrant("g", "o1", 100, Cycle.MONTHLY, true), T0);
    int entries = run.ledger.size();

    long taken = run.apply(reverse(500, 1000), T1);

    assertThat(taken).isEqualTo(50);
    assertThat(run.ledger).hasSize(entries);
    assertThat(run.grant("g").state()).isEqualTo(GrantState.SCHEDULED);
    assertThat(run.grant("g").remaining()).isEqualTo(50);
  }

  @Test
  @DisplayName("a refunded level above the total, or below 0, is rejected")
  void invalidLevels() {
    assertThatThrownBy(() -> reverse(1001, 1000)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> reverse(-1, 1000)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> reverse(1, 0)).isInstanceOf(InvalidRequestException.class);
  }
}

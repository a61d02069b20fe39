package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.adjustment;
import static dev.credits.core.spi.WalletRun.hold;
import static dev.credits.core.spi.WalletRun.orderGrant;
import static dev.credits.core.spi.WalletRun.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.credits.core.model.Cycle;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WalletEngine: settling in time order")
class SettleTest {
  private static final Instant JAN31 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant FEB28 = Instant.parse("2026-02-28T10:00:00Z");
  private static final Instant MAR28 = Instant.parse("2026-03-28T10:00:00Z");

  @Test
  @DisplayName("an appended period starts where the current one ends, scheduled until then")
  void appendedPeriodIsScheduled() {
    WalletRun run = new WalletRun();
    run.apply(orderGrant("m1", "o1", 100, Cycle.MONTHLY, true), JAN31);

    run.apply(orderGrant("m2", "o2", 200, Cycle.MONTHLY, true), JAN31.plusSeconds(60));

    assertThat(run.grant("m2").state()).isEqualTo(GrantState.SCHEDULED);
    assertThat(run.grant("m2").starts()).isEqualTo(FEB28);
    assertThat(run.grant("m2").expires()).isEqualTo(MAR28);
    assertThat(run.balance()).isEqualTo(100);
    assertThat(run.wallet.nextDueAt()).isEqualTo(FEB28);
  }

  @Test
  @DisplayName("a grant that starts and ends during a gap without commands is activated, then expired, at their instants")
  void gapIsReplayedInOrder() {
    WalletRun run = new WalletRun();
    run.apply(orderGrant("m1", "o1", 100, Cycle.MONTHLY, true), JAN31);
    run.apply(orderGrant("m2", "o2", 200, Cycle.MONTHLY, true), JAN31);
    int before = run.ledger.size();

    run.apply(settle(), Instant.parse("2026-04-15T00:00:00Z"));

    List<LedgerEntry> settled = run.ledger.subList(before, run.ledger.size());
    assertThat(settled).extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::balanceAfter,
        LedgerEntry::grantId, LedgerEntry::at).containsExactly(
            tuple(LedgerEntryType.GRANT, 200L, 300L, "m2", FEB28),
            tuple(LedgerEntryType.EXPIRE, -100L, 200L, "m1", FEB28),
            tuple(LedgerEntryType.EXPIRE, -200L, 0L, "m2", MAR28));
    assertThat(run.grant("m1")).as("ended more than 35 days before: pruned").isNull();
    assertThat(run.grant("m2").state()).isEqualTo(GrantState.EXPIRED);
    assertThat(run.balance()).isZero();
    assertThat(run.wallet.nextDueAt()).isNull();
  }

  @Test
  @DisplayName("a hold that ends at the same instant as its grant returns its tokens before the grant expires")
  void holdExpiryBeforeGrantExpiry() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 100, FEB28), JAN31);
    run.apply(hold("h", 30, FEB28), JAN31);
    int before = run.ledger.size();

    run.apply(settle(), FEB28.plusSeconds(1));

    assertThat(run.ledger.subList(before, run.ledger.size()))
        .extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::balanceAfter, LedgerEntry::at)
        .containsExactly(
            tuple(LedgerEntryType.RELEASE, 30L, 100L, FEB28),
            tuple(LedgerEntryType.EXPIRE, -100L, 0L, FEB28));
    assertThat(run.wallet.holds()).isEmpty();
  }

  @Test
  @DisplayName("a hold that outlives its grant writes the returned tokens off at once")
  void holdOutlivesGrant() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 100, FEB28), JAN31);
    run.apply(hold("h", 30, MAR28), JAN31);
    int before = run.ledger.size();

    run.apply(settle(), MAR28);

    assertThat(run.ledger.subList(before, run.ledger.size()))
        .extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::balanceAfter, LedgerEntry::at)
        .containsExactly(
            tuple(LedgerEntryType.EXPIRE, -70L, 0L, FEB28),
            tuple(LedgerEntryType.RELEASE, 30L, 30L, MAR28),
            tuple(LedgerEntryType.EXPIRE, -30L, 0L, MAR28));
    assertThat(run.balance()).isZero();
  }

  @Test
  @DisplayName("at one instant: activation, then hold expiry, then grant expiry")
  void sameInstantOrder() {
    WalletRun run = new WalletRun();
    run.apply(orderGrant("m1", "o1", 100, Cycle.MONTHLY, true), JAN31);
    run.apply(orderGrant("m2", "o2", 50, Cycle.MONTHLY, true), JAN31);
    run.apply(hold("h", 10, FEB28), JAN31);
    int before = run.ledger.size();

    run.apply(settle(), FEB28);

    assertThat(run.ledger.subList(before, run.ledger.size()))
        .extracting(LedgerEntry::type, LedgerEntry::grantId, LedgerEntry::amount, LedgerEntry::balanceAfter)
        .containsExactly(
            tuple(LedgerEntryType.GRANT, "m2", 50L, 140L),
            tuple(LedgerEntryType.RELEASE, null, 10L, 150L),
            tuple(LedgerEntryType.EXPIRE, "m1", -100L, 50L));
  }

  @Test
  @DisplayName("settling when nothing is due changes nothing")
  void nothingDue() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("g", 100, FEB28), JAN31);
    Wallet before = run.wallet;

    run.apply(settle(), JAN31.plus(Duration.ofDays(1)));

    assertThat(run.last.changed()).isFalse();
    assertThat(run.wallet).isSameAs(before);
  }

  @Test
  @DisplayName("view shows the settled wallet without writing: the same as a settle would store")
  void viewMatchesSettle() {
    WalletRun run = new WalletRun();
    run.apply(orderGrant("m1", "o1", 100, Cycle.MONTHLY, true), JAN31);
    run.apply(orderGrant("m2", "o2", 200, Cycle.MONTHLY, true), JAN31);
    Instant later = FEB28.plusSeconds(1);

    Wallet viewed = WalletEngine.view(run.wallet, later);
    run.apply(settle(), later);

    assertThat(viewed).isEqualTo(run.wallet);
    assertThat(viewed.storedBalance()).isEqualTo(200);
  }
}

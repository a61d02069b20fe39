package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Cycle;
import dev.credits.core.model.Hold;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OrderId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WalletEngine: the ledger agrees with the balance")
class LedgerInvariantTest {
  private static final long SEED = 20260131L;
  private static final Cycle[] CYCLES = {Cycle.ONCE, Cycle.DAILY, Cycle.WEEKLY, Cycle.MONTHLY, Cycle.of(Duration.ofHours(5))};

  @Test
  @DisplayName("after every command of a seeded random run, the last running balance equals the wallet's balance")
  void runningBalance() {
    Random random = new Random(SEED);
    WalletRun run = new WalletRun();
    Instant now = Instant.parse("2026-01-31T10:00:00Z");
    List<String> orders = new ArrayList<>();
    int commands = 0;

    for (int step = 0; step < 3_000; step++) {
      now = now.plus(Duration.ofMinutes(random.nextInt(600)));
      WalletCommand<?> command = next(random, run, now, step, orders);
      run.apply(command, now);
      commands++;

      assertThat(run.wallet.storedBalance())
          .as("step %d %s", step, command)
          .isEqualTo(lastBalance(run))
          .isEqualTo(run.ledger.stream().mapToLong(LedgerEntry::amount).sum());
      assertThat(run.wallet.ledgerSeq()).isEqualTo(run.ledger.size());
      assertThat(WalletEngine.view(run.wallet, now)).as("already settled at now").isEqualTo(run.wallet);
    }

    assertThat(commands).isEqualTo(3_000);
    assertThat(run.ledger.size()).as("the run did things").isGreaterThan(1_000);
    assertThat(run.ledger).extracting(LedgerEntry::type).as("every kind of entry occurred")
        .contains(LedgerEntryType.GRANT, LedgerEntryType.CONSUME, LedgerEntryType.HOLD, LedgerEntryType.CAPTURE,
            LedgerEntryType.RELEASE, LedgerEntryType.EXPIRE, LedgerEntryType.REFUND);
    for (int i = 0; i < run.ledger.size(); i++) {
      LedgerEntry e = run.ledger.get(i);
      long before = i == 0 ? 0 : run.ledger.get(i - 1).balanceAfter();
      assertThat(e.seq()).isEqualTo(i + 1);
      assertThat(e.balanceAfter()).as("entry %d", e.seq()).isEqualTo(before + e.amount());
    }
  }

  private static long lastBalance(WalletRun run) {
    return run.ledger.isEmpty() ? 0 : run.ledger.get(run.ledger.size() - 1).balanceAfter();
  }

  private static WalletCommand<?> next(Random random, WalletRun run, Instant now, int step, List<String> orders) {
    List<Hold> holds = new ArrayList<>();
    for (Hold h : run.wallet.holds()) {
      if (h.expiresAt().isAfter(now)) {
        holds.add(h);
      }
    }
    int pick = random.nextInt(10);
    if (pick < 2) {
      String order = "o" + step;
      orders.add(order);
      return new WalletCommand.AddGrant(KEY, "g" + step, OfferId.of("offer"), OrderId.of(order), random.nextBoolean(),
          1 + random.nextInt(500), CYCLES[random.nextInt(CYCLES.length)], 1 + random.nextInt(3), random.nextBoolean(),
          null, null);
    }
    if (pick < 5) {
      return new WalletCommand.Consume(KEY, 1 + random.nextInt(120), random.nextBoolean() ? 0 : 40, null);
    }
    if (pick == 5) {
      return new WalletCommand.PlaceHold(KEY, HoldId.of("h" + step), 1 + random.nextInt(80),
          now.plus(Duration.ofMinutes(1 + random.nextInt(2_000))), null);
    }
    if (pick == 6 && !holds.isEmpty()) {
      Hold h = holds.get(random.nextInt(holds.size()));
      return new WalletCommand.CaptureHold(KEY, h.id(), random.nextInt((int) h.amount() + 1), null);
    }
    if (pick == 7 && !holds.isEmpty()) {
      return new WalletCommand.ReleaseHold(KEY, holds.get(random.nextInt(holds.size())).id(), null);
    }
    if (pick == 8 && !orders.isEmpty()) {
      long total = 1 + random.nextInt(5_000);
      return new WalletCommand.Reverse(KEY, OrderId.of(orders.get(random.nextInt(orders.size()))),
          1 + random.nextInt((int) total), total, null);
    }
    return new WalletCommand.Settle(KEY);
  }
}

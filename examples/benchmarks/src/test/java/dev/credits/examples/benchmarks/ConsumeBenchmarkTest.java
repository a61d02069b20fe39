package dev.credits.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Consumption;
import dev.credits.core.model.LedgerEntry;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The benchmark's state, exercised without JMH: the measured code must do what its name says. */
class ConsumeBenchmarkTest {

  @Test
  @DisplayName("setup leaves the user with exactly `history` spends after the grant, on a fresh store each time")
  void setupWritesTheHistory() {
    ConsumeBenchmark bench = new ConsumeBenchmark();
    bench.history = 25;
    bench.setUp();
    bench.consume();
    bench.setUp();

    List<LedgerEntry> ledger = bench.credits().ledger(ConsumeBenchmark.USER, ConsumeBenchmark.GROUP, 0, 1_000);
    assertThat(ledger).hasSize(26);
    assertThat(ledger.get(25).balanceAfter()).isEqualTo(ConsumeBenchmark.GRANT - 25);
  }

  @Test
  @DisplayName("each benchmark call spends one token, and a keyed call never replays an earlier one")
  void everyCallSpends() {
    ConsumeBenchmark bench = new ConsumeBenchmark();
    bench.history = 10;
    bench.setUp();

    Consumption plain = bench.consume();
    Consumption keyed1 = bench.consumeWithKey();
    Consumption keyed2 = bench.consumeWithKey();

    assertThat(plain).isInstanceOf(Consumption.Spent.class);
    assertThat(keyed2.balance()).isEqualTo(keyed1.balance() - 1).isEqualTo(ConsumeBenchmark.GRANT - 13);
    assertThat(bench.getUserCredits().balance(ConsumeBenchmark.GROUP)).isEqualTo(ConsumeBenchmark.GRANT - 13);
  }
}

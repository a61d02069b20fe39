package dev.credits.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.spi.CreditsStore;
import dev.credits.testkit.contract.CreditsCompatibilityKit;
import dev.credits.testkit.fault.FaultHarness;
import dev.credits.testkit.fault.FaultReport;
import dev.credits.testkit.stress.StressHarness;
import dev.credits.testkit.stress.StressReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("an adapter (a counting store) proved by the kit and both harnesses")
class CountingStoreTest extends CreditsCompatibilityKit {
  @Override
  public CreditsStore createStore() {
    return CountingStore.inMemory(); // a new, empty store for every test
  }

  @Test
  @DisplayName("keeps every invariant under 4 threads of random purchases, spends, holds and refunds")
  void stress() {
    StressReport report = new StressHarness(CountingStore::inMemory, 4, 2_000, 42).run();

    assertThat(report.failures()).as(report.details()).isEmpty();
  }

  @Test
  @DisplayName("recovers from a store failure at any single write")
  void faults() {
    FaultReport report = new FaultHarness(CountingStore::inMemory).run();

    assertThat(report.failures()).as(report.details()).isEmpty();
  }

  @Test
  @DisplayName("counts the wallet commands it forwards")
  void counts() {
    CountingStore store = CountingStore.inMemory();
    new StressHarness(() -> store, 1, 200, 7).run();

    assertThat(store.commands()).isPositive();
  }
}

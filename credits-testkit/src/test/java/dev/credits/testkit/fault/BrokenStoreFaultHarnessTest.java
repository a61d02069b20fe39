package dev.credits.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the fault harness on a store that ignores consumption idempotency keys")
class BrokenStoreFaultHarnessTest {
  @Test
  @DisplayName("reports the lost acknowledgement of a consumption as tokens spent twice")
  void catchesDoubleSpend() {
    FaultReport report = new FaultHarness(KeyDroppingStore::new).run();

    assertThat(report.failures()).isNotEmpty();
    assertThat(report.failures()).allSatisfy(c -> {
      assertThat(c.timing()).isEqualTo(FaultInjectingStore.Timing.AFTER);
      assertThat(c.write()).contains("WalletStore.execute(Consume)");
      assertThat(c.problems()).anySatisfy(p -> assertThat(p).startsWith("balances: expected {chat=2700} but was {chat=2580}"));
    });
  }
}

package dev.credits.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.memory.InMemoryCreditsStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a fault at any single write of the in-memory store")
class InMemoryFaultHarnessTest {
  @Test
  @DisplayName("is recovered by retrying the call and sweeping, with no token lost or doubled")
  void everyFaultRecovers() {
    FaultReport report = new FaultHarness(InMemoryCreditsStore::new).run();
    System.out.print(report.details());

    assertThat(report.referenceWrites()).contains("OfferStore.save", "OrderStore.insert",
        "WalletStore.execute(AddGrant)", "WalletStore.execute(Consume)", "WalletStore.execute(Reverse)",
        "ProcessedEventStore.markProcessed", "LeaseLockStore.tryAcquire", "LeaseLockStore.release",
        "WalletStore.execute(Freeze)", "OrderStore.replace(CANCELLED)", "OrderStore.replace(REFUNDED, granted)");
    assertThat(report.cases()).hasSize(2 * report.referenceWrites().size());
    assertThat(report.failures()).as(report.details()).isEmpty();
  }
}

package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.testkit.fault.FaultHarness;
import dev.credits.testkit.fault.FaultReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The testkit's fault harness on the MongoDB store: every write of a purchase-and-spend scenario
 * fails once, before it is applied or after (a lost acknowledgement), each run on a fresh database.
 */
@DisplayName("a fault at any single write of the MongoDB store")
class MongoFaultHarnessTest {
  @Test
  @DisplayName("is recovered by retrying the call and sweeping, with no token lost or doubled")
  void everyFaultRecovers() {
    FaultReport report = new FaultHarness(InProcessMongo::freshStore).run();
    System.out.print(report.details());

    assertThat(report.referenceWrites()).contains("OfferStore.save", "OrderStore.insert", "OrderStore.replace(PAID)",
        "WalletStore.execute(AddGrant)", "WalletStore.execute(Consume)", "WalletStore.execute(Reverse)",
        "ProcessedEventStore.markProcessed", "LeaseLockStore.tryAcquire", "LeaseLockStore.release",
        "WalletStore.execute(Freeze)", "OrderStore.replace(CANCELLED)", "OrderStore.replace(REFUNDED, granted)");
    assertThat(report.cases()).hasSize(2 * report.referenceWrites().size());
    assertThat(report.failures()).as(report.details()).isEmpty();
  }
}

package dev.credits.testkit.fault;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.spi.CreditsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Proves that a crash or a lost acknowledgement at any single store write never loses nor doubles
 * tokens, given the documented recovery.
 *
 * <p>The scenario: save an offer, create an order, start its payment, confirm it, deliver the
 * signed payment webhook and the same event again, consume with a key, hold and capture with keys,
 * place a hold left to expire, refund part of the order with a key, create an order left unpaid,
 * move the clock past the payment window, run a sweeper pass (with its lease lock) and a final
 * sweep. It is first run fault-free on a {@link FaultInjectingStore} that numbers its writes
 * (N of them). Then, for every k in 1..N and both {@link FaultInjectingStore.Timing timings}, it
 * runs on a fresh store whose k-th write fails; the failed call is retried with the same arguments
 * and idempotency key until it succeeds, and the scenario goes on. Each run must end exactly like
 * the fault-free one: same balances and ledgers (entry types, amounts, running balances, holds,
 * keys, times), the paid order granted once with the same refunds, the gateway asked for one
 * payment and one refund, every ledger summing to its balance.
 *
 * <p>Run it from the command line on the in-memory store (after {@code mvn -q -B -pl credits-testkit
 * -am -DskipTests package}):
 * <pre>{@code java -cp credits-core/target/classes:credits-testkit/target/classes \
 *     dev.credits.testkit.fault.FaultHarness}</pre>
 */
public final class FaultHarness {
  private final Supplier<CreditsStore> stores;

  /**
   * A harness for an adapter.
   *
   * @param stores makes a new, empty store for each run
   */
  public FaultHarness(Supplier<CreditsStore> stores) {
    this.stores = Objects.requireNonNull(stores, "stores == null");
  }

  /**
   * Runs the fault-free reference, then every (k, timing).
   *
   * @return one case per fault
   * @throws IllegalStateException when the fault-free run itself fails
   */
  public FaultReport run() {
    FaultInjectingStore counting = FaultInjectingStore.counting(stores.get());
    FaultScenario reference = new FaultScenario(counting);
    List<String> problems = reference.run();
    FaultOutcome expected = FaultOutcome.of(reference);
    if (!problems.isEmpty() || !expected.invariantProblems().isEmpty()) {
      problems.addAll(expected.invariantProblems());
      throw new IllegalStateException("the fault-free scenario fails: " + problems);
    }
    List<String> writes = counting.writeLog();
    List<FaultCase> cases = new ArrayList<>();
    for (long k = 1; k <= writes.size(); k++) {
      for (FaultInjectingStore.Timing timing : FaultInjectingStore.Timing.values()) {
        cases.add(runCase(k, timing, expected));
      }
    }
    return new FaultReport(writes, cases);
  }

  private FaultCase runCase(long k, FaultInjectingStore.Timing timing, FaultOutcome expected) {
    FaultScenario run = new FaultScenario(FaultInjectingStore.failing(stores.get(), k, timing));
    List<String> problems = new ArrayList<>(run.run());
    problems.addAll(FaultOutcome.of(run).problemsAgainst(expected));
    String write = run.store().fired().map(w -> w + " in " + run.faultStep()).orElse(null);
    if (write == null) {
      problems.add("the fault at write " + k + " never fired");
    }
    return new FaultCase(k, timing, write, run.retries(), problems);
  }

  /**
   * Runs the harness on the in-memory store and prints one line per case; exits with status 1 when
   * a case failed.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    FaultReport report = new FaultHarness(InMemoryCreditsStore::new).run();
    System.out.print(report.details());
    if (!report.allPassed()) {
      System.exit(1);
    }
  }
}

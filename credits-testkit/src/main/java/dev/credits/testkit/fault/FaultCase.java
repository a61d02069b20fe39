package dev.credits.testkit.fault;

import java.util.List;
import java.util.Objects;

/**
 * The result of running the fault scenario with one injected fault.
 *
 * @param k the write number that was made to fail (from 1)
 * @param timing before or after applying that write
 * @param write the failed write and the scenario step it belonged to, or null when the scenario
 *     had fewer than {@code k} writes (no fault fired)
 * @param retries how many calls had to be retried before the scenario completed
 * @param problems what differs from a fault-free run or breaks an invariant; empty when it passed
 */
public record FaultCase(long k, FaultInjectingStore.Timing timing, String write, int retries, List<String> problems) {
  /**
   * Copies the problems.
   *
   * @throws NullPointerException when timing or problems is null
   */
  public FaultCase {
    Objects.requireNonNull(timing, "timing == null");
    problems = List.copyOf(problems);
  }

  /**
   * Whether recovery left exactly the state of a fault-free run.
   *
   * @return true when there are no problems
   */
  public boolean passed() {
    return problems.isEmpty();
  }

  /**
   * One line for a report.
   *
   * @return e.g. {@code k=7 AFTER  #7 WalletStore.execute(AddGrant) in confirm: ok (1 retry)}
   */
  public String line() {
    return String.format("k=%-3d %-6s %-60s %s (%d %s)", k, timing, write == null ? "(no fault fired)" : write,
        passed() ? "ok" : "FAILED: " + String.join("; ", problems), retries, retries == 1 ? "retry" : "retries");
  }
}

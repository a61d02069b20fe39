package dev.credits.testkit.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a {@link FaultHarness} run found: the writes of the fault-free run and one
 * {@link FaultCase} per (k, timing).
 *
 * @param referenceWrites the writes of the fault-free run, in order (write k is at index k - 1)
 * @param cases one case per fault position and timing
 */
public record FaultReport(List<String> referenceWrites, List<FaultCase> cases) {
  /** Copies the lists. */
  public FaultReport {
    referenceWrites = List.copyOf(referenceWrites);
    cases = List.copyOf(cases);
  }

  /**
   * Whether every case recovered to the fault-free state.
   *
   * @return true when all cases passed
   */
  public boolean allPassed() {
    return cases.stream().allMatch(FaultCase::passed);
  }

  /**
   * The cases that did not recover.
   *
   * @return the failed cases
   */
  public List<FaultCase> failures() {
    List<FaultCase> out = new ArrayList<>();
    for (FaultCase c : cases) {
      if (!c.passed()) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * One line: how many writes, cases and failures.
   *
   * @return the summary
   */
  public String summary() {
    return "fault harness: " + referenceWrites.size() + " writes in the scenario, " + cases.size() + " faults injected, "
        + (cases.size() - failures().size()) + " recovered, " + failures().size() + " failed";
  }

  /**
   * The summary followed by one line per case.
   *
   * @return a multi-line report
   */
  public String details() {
    StringBuilder sb = new StringBuilder(summary()).append('\n');
    for (FaultCase c : cases) {
      sb.append("  ").append(c.line()).append('\n');
    }
    return sb.toString();
  }
}

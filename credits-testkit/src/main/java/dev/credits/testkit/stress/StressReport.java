package dev.credits.testkit.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link StressHarness} run did and found.
 *
 * @param threads worker threads
 * @param opsPerThread operations per thread
 * @param seed the random seed
 * @param operations operations performed in all
 * @param elapsed wall-clock time of the concurrent phase
 * @param counts what happened, by kind (purchases, orders paid, tokens spent, insufficient, ...)
 * @param invariants one result per invariant
 */
public record StressReport(int threads, int opsPerThread, long seed, long operations, Duration elapsed,
    Map<String, Long> counts, List<InvariantResult> invariants) {
  /**
   * Copies the collections.
   *
   * @throws NullPointerException when a field is null
   */
  public StressReport {
    Objects.requireNonNull(elapsed, "elapsed == null");
    counts = Map.copyOf(counts);
    invariants = List.copyOf(invariants);
  }

  /**
   * Operations per second of the concurrent phase.
   *
   * @return the throughput
   */
  public double opsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds == 0 ? 0 : operations / seconds;
  }

  /**
   * Whether every invariant held.
   *
   * @return true when all passed
   */
  public boolean allPassed() {
    return invariants.stream().allMatch(InvariantResult::passed);
  }

  /**
   * The invariants that did not hold.
   *
   * @return the failed results
   */
  public List<InvariantResult> failures() {
    List<InvariantResult> out = new ArrayList<>();
    for (InvariantResult r : invariants) {
      if (!r.passed()) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * One line: size, time, throughput, and which invariants failed.
   *
   * @return the summary
   */
  public String summary() {
    List<String> failed = new ArrayList<>();
    for (InvariantResult r : failures()) {
      failed.add(r.name());
    }
    return String.format("stress: %d threads x %d ops (seed %d) = %d ops in %.1f s (%.0f ops/s); %d/%d invariants hold%s",
        threads, opsPerThread, seed, operations, elapsed.toMillis() / 1000.0, opsPerSecond(),
        invariants.size() - failed.size(), invariants.size(), failed.isEmpty() ? "" : "; FAILED: " + failed);
  }

  /**
   * The summary, one line per invariant (with its problems), and the counts.
   *
   * @return a multi-line report
   */
  public String details() {
    StringBuilder sb = new StringBuilder(summary()).append('\n');
    for (InvariantResult r : invariants) {
      sb.append("  ").append(r.describe()).append('\n');
    }
    sb.append("  counts: ").append(new TreeMap<>(counts)).append('\n');
    return sb.toString();
  }
}

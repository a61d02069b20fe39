package dev.credits.testkit.stress;

import java.util.List;
import java.util.Objects;

/**
 * Whether one invariant held at the end of a stress run.
 *
 * @param name a short name, such as {@code ledger-sums-to-balance}
 * @param description what it checks, in a sentence
 * @param checked how many things were checked (wallets, orders, results...)
 * @param problems what broke it (at most {@link #MAX_PROBLEMS} lines kept); empty when it held
 * @param problemCount how many problems were found in all
 */
public record InvariantResult(String name, String description, long checked, List<String> problems,
    long problemCount) {
  /** How many problem lines a result keeps. */
  public static final int MAX_PROBLEMS = 20;

  /**
   * Keeps at most {@link #MAX_PROBLEMS} problem lines.
   *
   * @throws NullPointerException when name, description or problems is null
   */
  public InvariantResult {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    problems = List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
  }

  /**
   * A result from a full list of problems.
   *
   * @param name the invariant's name
   * @param description what it checks
   * @param checked how many things were checked
   * @param problems every problem found
   * @return the result
   */
  public static InvariantResult of(String name, String description, long checked, List<String> problems) {
    return new InvariantResult(name, description, checked, problems, problems.size());
  }

  /**
   * Whether the invariant held.
   *
   * @return true when no problem was found
   */
  public boolean passed() {
    return problemCount == 0;
  }

  /**
   * One line for a report, followed by the kept problems, one per line.
   *
   * @return the text
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(String.format("%-4s %-28s %s (%d checked)", passed() ? "ok" : "FAIL", name,
        description, checked));
    if (!passed()) {
      sb.append(", ").append(problemCount).append(" problem(s)");
      for (String p : problems) {
        sb.append("\n       - ").append(p);
      }
    }
    return sb.toString();
  }
}

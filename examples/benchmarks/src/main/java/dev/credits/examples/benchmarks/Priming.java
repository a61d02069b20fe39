package dev.credits.examples.benchmarks;

import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Untimed warm-up in a fork's trial setup, by count. The one-command run gives JMH a single one-second warm-up
 * iteration, far too short for a cold JVM that also runs the in-process server: on the shared 2-core machine the
 * library's spend needed about 10,000 calls (10 to 15 s) to reach its steady speed, and a row whose setup happened
 * to write 10,000 history entries looked 6 to 13 times faster than one whose setup wrote 10. So every fork first
 * runs its measured operation a fixed number of times ({@link #OPERATIONS}, or {@link #ORDERS} purchases), and the
 * history a benchmark writes counts toward that number.
 */
final class Priming {
  /** Calls of the measured operation before JMH's warm-up iteration (spends, reads, raw decrements). */
  static final int OPERATIONS = 10_000;
  /** Purchases before JMH's warm-up iteration (each is about nine driver commands, each spend about one). */
  static final int ORDERS = 1_000;

  private Priming() {}

  /**
   * Runs an operation {@code count} times without counting its commands in {@link RoundTrips}.
   *
   * @param count calls, 0 or more
   * @param operation what to prime
   */
  static void run(int count, Runnable operation) {
    RoundTrips.uncounted(() -> {
      for (int i = 0; i < count; i++) {
        operation.run();
      }
    });
  }

  /**
   * The benchmark method a fork measures.
   *
   * @param params JMH's parameters of the run
   * @return the simple method name, e.g. {@code tokensConsumed}
   */
  static String method(BenchmarkParams params) {
    String name = params.getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}

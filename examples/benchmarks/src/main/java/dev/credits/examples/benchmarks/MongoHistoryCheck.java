package dev.credits.examples.benchmarks;

import dev.credits.core.Credits;
import dev.credits.core.model.UserId;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Does a spend on the MongoDB store cost more for a user with a long history? Measured in one JVM, on one server,
 * in interleaved blocks, so that the comparison does not depend on how fast a fork happens to be (single-thread
 * round trips on a small VM differ by up to 2x between forks, more than the 1.2x this checks).
 *
 * <pre>java -cp examples/benchmarks/target/benchmarks.jar dev.credits.examples.benchmarks.MongoHistoryCheck
 * [rounds] [spends per block]</pre>
 *
 * <p>One long-history user gets {@value #LONG} one-token spends; then, per round, a new short-history user gets
 * {@value #SHORT}, and a block of spends is timed on each, the order alternating from round to round. The long
 * user's history only grows (it ends with {@code LONG + rounds * block} entries); each short user starts at
 * {@value #SHORT} and ends at {@code SHORT + block}. Before the first round, {@value Priming#OPERATIONS} spends on a
 * scratch user warm the JVM. Prints each round, the median time per spend of each user, the ratio of the medians
 * and the driver commands per spend of each; exits with status 1 when the long history's median is more than
 * {@value #BUDGET}x the short one's. Runs on {@value MongoTarget#URI_ENV} when it is set.
 */
public final class MongoHistoryCheck {
  /** Earlier spends of the long-history user. */
  static final int LONG = 10_000;
  /** Earlier spends of each short-history user. */
  static final int SHORT = 10;
  /** The most the long history's median may cost, as a multiple of the short one's. */
  static final double BUDGET = 1.2;

  private MongoHistoryCheck() {}

  /**
   * Runs the check.
   *
   * @param args optional rounds (default 20) and spends per block (default 1,000)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int block = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    Result result;
    try (MongoTarget target = MongoTarget.start()) {
      result = run(target, rounds, block, Priming.OPERATIONS, LONG, System.out);
    }
    if (result.ratio() > BUDGET) {
      System.out.printf(Locale.ROOT, "FAIL: a long history costs %.2fx a short one (budget %.1fx)%n", result.ratio(),
          BUDGET);
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "OK: a long history costs %.2fx a short one (budget %.1fx)%n", result.ratio(),
        BUDGET);
  }

  /**
   * The medians, in microseconds per spend, and the commands per spend of each history.
   *
   * @param shortMicros median time per spend of the short-history users
   * @param longMicros median time per spend of the long-history user
   * @param shortCommands driver commands per spend, short history
   * @param longCommands driver commands per spend, long history
   */
  record Result(double shortMicros, double longMicros, double shortCommands, double longCommands) {
    /** @return the long history's median over the short one's */
    double ratio() {
      return longMicros / shortMicros;
    }
  }

  /**
   * Measures on a fresh database of {@code target}, then drops it.
   *
   * @param longHistory earlier spends of the long-history user ({@value #LONG} in {@link #main})
   */
  static Result run(MongoTarget target, int rounds, int block, int warmUp, int longHistory, PrintStream out) {
    String database = target.freshDatabase();
    try {
      Credits credits = target.credits(database);
      UserId scratch = UserId.of("warm-up");
      credits.grantTokens(scratch, MongoConsumeBenchmark.GROUP, MongoConsumeBenchmark.GRANT, null, "warm-up");
      Priming.run(warmUp, () -> credits.tokensConsumed(scratch, MongoConsumeBenchmark.GROUP, 1));
      UserId longUser = UserId.of("long-history");
      credits.grantTokens(longUser, MongoConsumeBenchmark.GROUP, MongoConsumeBenchmark.GRANT, null, "long");
      Priming.run(longHistory, () -> credits.tokensConsumed(longUser, MongoConsumeBenchmark.GROUP, 1));

      double[] shortTimes = new double[rounds];
      double[] longTimes = new double[rounds];
      long[] commands = new long[2];
      RoundTrips trips = new RoundTrips();
      out.printf(Locale.ROOT, "%d rounds of %,d spends per user (µs per spend):%n", rounds, block);
      for (int r = 0; r < rounds; r++) {
        UserId shortUser = UserId.of("short-history-" + r);
        credits.grantTokens(shortUser, MongoConsumeBenchmark.GROUP, MongoConsumeBenchmark.GRANT, null, "short-" + r);
        Priming.run(SHORT, () -> credits.tokensConsumed(shortUser, MongoConsumeBenchmark.GROUP, 1));
        boolean longFirst = r % 2 == 1;
        for (int turn = 0; turn < 2; turn++) {
          boolean isLong = longFirst == (turn == 0);
          trips.bind();
          double micros = timed(credits, isLong ? longUser : shortUser, block);
          commands[isLong ? 1 : 0] += trips.commands;
          (isLong ? longTimes : shortTimes)[r] = micros;
        }
        out.printf(Locale.ROOT, "  round %2d: short %7.1f, long %7.1f%n", r + 1, shortTimes[r], longTimes[r]);
      }
      Result result = new Result(median(shortTimes), median(longTimes),
          commands[0] / (double) (rounds * (long) block), commands[1] / (double) (rounds * (long) block));
      out.printf(Locale.ROOT, "median µs per spend: short history %.1f, long history %.1f (%.2fx)%n",
          result.shortMicros(), result.longMicros(), result.ratio());
      out.printf(Locale.ROOT, "commands per spend: short history %.3f, long history %.3f%n", result.shortCommands(),
          result.longCommands());
      return result;
    } finally {
      target.drop(database);
    }
  }

  private static double timed(Credits credits, UserId user, int n) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      credits.tokensConsumed(user, MongoConsumeBenchmark.GROUP, 1);
    }
    return (System.nanoTime() - start) / 1_000.0 / n;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}

package dev.credits.examples.benchmarks;

import dev.credits.core.Credits;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.UserId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code tokensConsumed} on the MongoDB store ({@code MongoCredits.create}) through the facade, one thread, one
 * user with {@link #history} earlier ledger entries: a one-token spend without an idempotency key, which is one
 * conditional {@code findOneAndUpdate} of the wallet document that queues the spend in it (and, once per 33 spends,
 * when the queue is full, a full write that folds the queue and first copies the pending ledger entries to the
 * ledger collection: two more commands).
 *
 * <p>Setup (untimed, commands not counted): {@link Priming#OPERATIONS} spends in all, {@code OPERATIONS - history}
 * of them on a scratch database that is then dropped, and {@code history} on the measured user after a grant of
 * 2^50 tokens. The history then grows by one entry per spend while JMH runs: a row starts at {@code history} and
 * ends at {@code history} plus every call of its warm-up and measured iterations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MongoConsumeBenchmark {
  static final String GROUP = "chat";
  static final UserId USER = UserId.of("bench-user");
  /** Enough tokens that no run can spend them all. */
  static final long GRANT = 1L << 50;

  /** Ledger entries the user has before the warm-up iteration, not counting the grant. */
  @Param({"10", "10000"})
  public int history;

  int primeOps = Priming.OPERATIONS;
  private MongoTarget target;
  private String database;
  private Credits credits;

  /** Creates the state (JMH sets {@link #history} before setup). */
  public MongoConsumeBenchmark() {}

  /** Starts the in-process server (or connects to {@value MongoTarget#URI_ENV}), primes, and writes the history. */
  @Setup(Level.Trial)
  public void start() {
    target = MongoTarget.start();
    RoundTrips.uncounted(this::primeAndSeed);
  }

  private void primeAndSeed() {
    String scratch = target.freshDatabase();
    Credits primed = target.credits(scratch);
    primed.grantTokens(USER, GROUP, GRANT, null, "prime-grant");
    Priming.run(Math.max(0, primeOps - history), () -> primed.tokensConsumed(USER, GROUP, 1));
    target.drop(scratch);

    database = target.freshDatabase();
    credits = target.credits(database);
    credits.grantTokens(USER, GROUP, GRANT, null, "bench-grant");
    Priming.run(history, () -> credits.tokensConsumed(USER, GROUP, 1));
  }

  /** Prints the history the user ended with, then drops the database and stops the server (or disconnects). */
  @TearDown(Level.Trial)
  public void stop() {
    long spends = GRANT - credits.getUserCredits(USER).balance(GROUP);
    System.out.printf("%n  history: %,d spends before the warm-up, %,d at the end%n", history, spends);
    target.drop(database);
    target.close();
  }

  /**
   * Spends one token through the library.
   *
   * @param trips the command counter
   * @return the outcome, consumed by JMH
   */
  @Benchmark
  public Consumption tokensConsumed(RoundTrips trips) {
    trips.calls++;
    return credits.tokensConsumed(USER, GROUP, 1);
  }

  /** @return the facade (for tests) */
  Credits credits() {
    return credits;
  }
}

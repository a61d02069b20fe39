package dev.credits.examples.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The raw-driver baseline for {@link MongoConsumeBenchmark#tokensConsumed}, one thread, same kind of server, same
 * run: one conditional {@code findOneAndUpdate} per spend ({@link RawBalance}). It keeps no ledger, so it has no
 * history to vary. Primed like the library rows: {@link Priming#OPERATIONS} spends before JMH's warm-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MongoBaselineBenchmark {
  static final String USER = "bench-user";

  int primeOps = Priming.OPERATIONS;
  private MongoTarget target;
  private String database;
  private RawBalance raw;

  /** Creates the state. */
  public MongoBaselineBenchmark() {}

  /** Starts the server, opens a balance of 2^50 tokens and primes the spend. */
  @Setup(Level.Trial)
  public void start() {
    target = MongoTarget.start();
    database = target.freshDatabase();
    raw = new RawBalance(target.client(), database);
    raw.open(USER, MongoConsumeBenchmark.GRANT);
    Priming.run(primeOps, () -> raw.spend(USER, 1));
  }

  /** Drops the database and stops the server (or disconnects). */
  @TearDown(Level.Trial)
  public void stop() {
    target.drop(database);
    target.close();
  }

  /**
   * Spends one token with the raw driver: one conditional {@code findOneAndUpdate}.
   *
   * @param trips the command counter
   * @return the balance after (null if short), consumed by JMH
   */
  @Benchmark
  public Long rawFindOneAndUpdate(RoundTrips trips) {
    trips.calls++;
    return raw.spend(USER, 1);
  }

  /** @return the raw balance (for tests) */
  RawBalance raw() {
    return raw;
  }
}

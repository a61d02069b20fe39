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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Eight threads spending from one balance on the MongoDB store: through the library, where every spend is a
 * read and a compare-and-set on the version of the one wallet document (a lost race re-reads and retries, with
 * a short random back-off), and with the raw-driver {@code findOneAndUpdate}, which the server serialises itself.
 * The score is the total of all threads (ops/s); {@code :commands} divided by it shows the retries. Each row
 * first runs {@link Priming#OPERATIONS} of its spends on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(MongoContentionBenchmark.THREADS)
public class MongoContentionBenchmark {
  static final int THREADS = 8;
  static final String GROUP = "chat";
  static final UserId USER = UserId.of("shared-user");
  static final long GRANT = 1L << 50;

  int primeOps = Priming.OPERATIONS;
  private MongoTarget target;
  private String database;
  private Credits credits;
  private RawBalance raw;

  /** Creates the state (one, shared by all threads). */
  public MongoContentionBenchmark() {}

  /**
   * Starts the server, gives the one user a large balance in the library and in the raw collection, and primes
   * the measured spend (one thread, on the same balance).
   *
   * @param params JMH's parameters, naming the measured method
   */
  @Setup(Level.Trial)
  public void start(BenchmarkParams params) {
    start(Priming.method(params));
  }

  /** Starts, priming {@code method} ({@code tokensConsumed} or {@code rawFindOneAndUpdate}). */
  void start(String method) {
    target = MongoTarget.start();
    database = target.freshDatabase();
    RoundTrips.uncounted(() -> {
      credits = target.credits(database);
      credits.grantTokens(USER, GROUP, GRANT, null, "bench-grant");
      raw = new RawBalance(target.client(), database);
      raw.open(USER.value(), GRANT);
    });
    Priming.run(primeOps, method.equals("rawFindOneAndUpdate") ? () -> raw.spend(USER.value(), 1)
        : () -> credits.tokensConsumed(USER, GROUP, 1));
  }

  /** Drops the database and stops the server (or disconnects). */
  @TearDown(Level.Trial)
  public void stop() {
    target.drop(database);
    target.close();
  }

  /**
   * Spends one token of the shared balance through the library.
   *
   * @param trips this thread's command counter
   * @return the outcome, consumed by JMH
   */
  @Benchmark
  public Consumption tokensConsumed(RoundTrips trips) {
    trips.calls++;
    return credits.tokensConsumed(USER, GROUP, 1);
  }

  /**
   * Spends one token of the shared raw balance with one conditional {@code findOneAndUpdate}.
   *
   * @param trips this thread's command counter
   * @return the balance after, consumed by JMH
   */
  @Benchmark
  public Long rawFindOneAndUpdate(RoundTrips trips) {
    trips.calls++;
    return raw.spend(USER.value(), 1);
  }

  /** @return the facade (for tests) */
  Credits credits() {
    return credits;
  }

  /** @return the raw baseline (for tests) */
  RawBalance raw() {
    return raw;
  }
}

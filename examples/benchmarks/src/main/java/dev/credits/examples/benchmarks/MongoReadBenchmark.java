package dev.credits.examples.benchmarks;

import dev.credits.core.Credits;
import dev.credits.core.model.UserCredits;
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

/**
 * {@code getUserCredits} on the MongoDB store through the facade, one thread: the view of a user who holds one
 * grant and has spent from it ten times. It writes nothing. Primed with {@link Priming#OPERATIONS} reads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MongoReadBenchmark {
  static final String GROUP = "chat";
  static final UserId USER = UserId.of("bench-user");
  static final long GRANT = 1_000_000;
  static final int SPENDS = 10;

  int primeOps = Priming.OPERATIONS;
  private MongoTarget target;
  private String database;
  private Credits credits;

  /** Creates the state. */
  public MongoReadBenchmark() {}

  /** Starts the server, writes the user's grant and spends, and primes the read. */
  @Setup(Level.Trial)
  public void start() {
    target = MongoTarget.start();
    database = target.freshDatabase();
    RoundTrips.uncounted(() -> {
      credits = target.credits(database);
      credits.grantTokens(USER, GROUP, GRANT, null, "bench-grant");
      for (int i = 0; i < SPENDS; i++) {
        credits.tokensConsumed(USER, GROUP, 1);
      }
    });
    Priming.run(primeOps, () -> credits.getUserCredits(USER));
  }

  /** Drops the database and stops the server (or disconnects). */
  @TearDown(Level.Trial)
  public void stop() {
    target.drop(database);
    target.close();
  }

  /**
   * Reads the user's credits view.
   *
   * @param trips the command counter
   * @return the view, consumed by JMH
   */
  @Benchmark
  public UserCredits getUserCredits(RoundTrips trips) {
    trips.calls++;
    return credits.getUserCredits(USER);
  }
}

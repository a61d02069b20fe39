package dev.credits.examples.benchmarks;

import dev.credits.core.Credits;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.UserCredits;
import dev.credits.core.model.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/**
 * Whether spending and reading cost more for a user with a long history: one user on the in-memory store,
 * through the facade, with {@link #history} ledger entries written before each iteration (one big grant, then
 * that many 1-token spends).
 *
 * <p>The state is rebuilt before every iteration, so each starts from exactly {@code history} entries. The spend
 * benchmarks keep appending while they run (an iteration adds as many entries as it counts operations, about a
 * million per second), so they also show that the cost does not rise while the history grows inside the
 * iteration. {@link #getUserCredits()} writes nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConsumeBenchmark {
  static final String GROUP = "chat";
  static final UserId USER = UserId.of("bench-user");
  /** Enough tokens that no run can spend them all. */
  static final long GRANT = 1L << 50;

  /** Ledger entries the user has before an iteration starts, not counting the grant. */
  @Param({"10", "10000"})
  public int history;

  private Credits credits;
  private long nextKey;

  /** Creates a fresh store and writes the history. */
  @Setup(Level.Iteration)
  public void setUp() {
    credits = Credits.builder().clock(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC)).build();
    credits.grantTokens(USER, GROUP, GRANT, null, "bench-grant");
    for (int i = 0; i < history; i++) {
      credits.tokensConsumed(USER, GROUP, 1);
    }
    nextKey = 0;
  }

  /**
   * Spends one token without an idempotency key.
   *
   * @return the outcome, consumed by JMH
   */
  @Benchmark
  public Consumption consume() {
    return credits.tokensConsumed(USER, GROUP, 1);
  }

  /**
   * Spends one token with a new idempotency key each call, so the store also records every key.
   *
   * @return the outcome, consumed by JMH
   */
  @Benchmark
  public Consumption consumeWithKey() {
    return credits.tokensConsumed(USER, GROUP, 1, "req-" + nextKey++);
  }

  /**
   * Reads the user's credits view.
   *
   * @return the view, consumed by JMH
   */
  @Benchmark
  public UserCredits getUserCredits() {
    return credits.getUserCredits(USER);
  }

  /** @return the facade the benchmarks run against (for tests) */
  Credits credits() {
    return credits;
  }
}

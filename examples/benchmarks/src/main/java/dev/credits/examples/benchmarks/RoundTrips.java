package dev.credits.examples.benchmarks;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the driver commands (round trips to the server) each benchmark thread sends, and the benchmark calls that
 * sent them, reported by JMH as secondary {@code :commands} and {@code :calls} rows (per second): commands per
 * operation is their ratio. Both count every call of the iteration, including those JMH makes outside its measured
 * window while it synchronises threads, so the ratio is exact even where {@code :calls} differs from the score.
 *
 * <p>{@code :commandMicros} adds up the time the driver reports for each of those commands, from sending it to
 * decoding its reply (the round trip plus the server's work), in microseconds: per second of the iteration it is
 * the share of the thread's time spent waiting on the server (1,000,000 = all of it), and divided by
 * {@code :calls} the microseconds of round trips per call. What remains of a call's time is the caller's own code.
 *
 * <p>The sync driver calls its command listener on the thread that runs the command, so {@link #LISTENER} adds to
 * the counter bound to that thread. Server monitoring (heartbeats) and connection handshakes are not commands and
 * are not counted.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RoundTrips {
  private static final ThreadLocal<RoundTrips> BOUND = new ThreadLocal<>();

  /** Adds one to the counter bound to the current thread, if any, for every command started. */
  static final CommandListener LISTENER = new CommandListener() {
    @Override
    public void commandStarted(CommandStartedEvent event) {
      RoundTrips counter = BOUND.get();
      if (counter != null) {
        counter.commands++;
      }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
      timed(event.getElapsedTime(TimeUnit.NANOSECONDS));
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
      timed(event.getElapsedTime(TimeUnit.NANOSECONDS));
    }

    private void timed(long nanos) {
      RoundTrips counter = BOUND.get();
      if (counter != null) {
        counter.commandNanos += nanos;
      }
    }
  };

  /** Commands sent by this thread in the current iteration. */
  public long commands;
  private long commandNanos;
  /** Benchmark calls made by this thread in the current iteration (each benchmark method adds one). */
  public long calls;

  /** Creates an unbound counter (JMH creates one per benchmark thread). */
  public RoundTrips() {}

  /**
   * Runs setup work without counting its commands on this thread (JMH does not order setups of unrelated states,
   * so a state's setup may run after this counter was bound).
   *
   * @param work the work, e.g. writing a user's history
   */
  static void uncounted(Runnable work) {
    RoundTrips bound = BOUND.get();
    BOUND.remove();
    try {
      work.run();
    } finally {
      if (bound != null) {
        BOUND.set(bound);
      }
    }
  }

  /**
   * The time this thread's commands took in the current iteration, in microseconds (JMH reports it per second).
   *
   * @return the sum of the driver's elapsed times, in microseconds
   */
  public long commandMicros() {
    return commandNanos / 1_000;
  }

  /** Resets the count and binds this counter to the calling thread (JMH calls it on the benchmark thread). */
  @Setup(Level.Iteration)
  public void bind() {
    commands = 0;
    calls = 0;
    commandNanos = 0;
    BOUND.set(this);
  }
}

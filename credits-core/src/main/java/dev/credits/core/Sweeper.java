package dev.credits.core;

import dev.credits.core.internal.Checks;
import dev.credits.core.model.SweepReport;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the all-users sweep on a schedule. Each pass takes the lease lock {@value #LOCK} so that,
 * with many instances, usually one works per pass; correctness never depends on the lock because
 * every step of a pass is idempotent.
 */
public final class Sweeper {
  /** The lease lock name a pass takes. */
  public static final String LOCK = "credits-sweep";

  private static final System.Logger LOG = System.getLogger("dev.credits.core.sweeper");
  private final Credits credits;
  private final String instanceId;
  private final int batch;

  Sweeper(Credits credits, String instanceId, int batch) {
    this.credits = credits;
    this.instanceId = Checks.text(instanceId, "instanceId");
    this.batch = (int) Checks.positive(batch, "batch");
  }

  /**
   * One pass under the sweep lock; does nothing when another instance holds it.
   *
   * @param lease how long the pass may hold the lock
   * @return what it did ({@code ran == false} when the lock was taken)
   */
  public SweepReport runOnce(Duration lease) {
    if (credits.locks().tryAcquire(LOCK, instanceId, lease).isEmpty()) {
      return new SweepReport(0, 0, 0, 0, false);
    }
    try {
      return credits.sweep(batch);
    } finally {
      credits.locks().release(LOCK, instanceId);
    }
  }

  /**
   * Schedules passes at a fixed delay on an executor the application owns. A failing pass is
   * logged and the schedule goes on.
   *
   * @param executor where passes run
   * @param every delay between passes
   * @return the handle to cancel the schedule
   */
  public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration every) {
    Checks.present(executor, "executor");
    Checks.present(every, "every");
    long millis = every.toMillis();
    Checks.positive(millis, "sweep period in ms");
    return executor.scheduleWithFixedDelay(() -> {
      try {
        runOnce(every.multipliedBy(2));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "sweep pass failed; the next one will retry", e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }
}

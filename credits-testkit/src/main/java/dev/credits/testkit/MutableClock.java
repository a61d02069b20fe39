package dev.credits.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand. Thread-safe: readers always see a whole instant. Time never
 * moves by itself, so tests are deterministic.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * A UTC clock showing {@code start}.
   *
   * @param start the first instant
   * @return the clock
   */
  public static MutableClock at(Instant start) {
    return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start == null")), ZoneOffset.UTC);
  }

  /**
   * A UTC clock showing an ISO-8601 instant such as {@code 2026-01-31T10:00:00Z}.
   *
   * @param isoInstant the first instant
   * @return the clock
   */
  public static MutableClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  /**
   * Moves time forward (or back, with a negative duration).
   *
   * @param amount how far
   * @return the new instant
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount == null");
    return now.updateAndGet(i -> i.plus(amount));
  }

  /**
   * Jumps to an instant.
   *
   * @param instant the new instant
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant == null"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(now, zone);
  }
}

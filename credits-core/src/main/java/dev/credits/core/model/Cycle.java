package dev.credits.core.model;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How long what an offer grants stays valid. Calendar cycles use {@link Period} arithmetic in UTC
 * ({@code Jan 31 + 1 month = Feb 28/29}, {@code n} periods are added in one step so there is no
 * drift); custom exact cycles use a {@link Duration}. {@link #ONCE} never expires.
 *
 * @param name a readable name: {@code once}, {@code monthly}, {@code custom:PT2H}, ...
 * @param period the calendar length, or null
 * @param duration the exact length, or null
 */
public record Cycle(String name, Period period, Duration duration) {
  /** Never expires. */
  public static final Cycle ONCE = new Cycle("once", null, null);
  /** One calendar day. */
  public static final Cycle DAILY = new Cycle("daily", Period.ofDays(1), null);
  /** Seven days. */
  public static final Cycle WEEKLY = new Cycle("weekly", Period.ofWeeks(1), null);
  /** Fourteen days. */
  public static final Cycle BI_WEEKLY = new Cycle("bi-weekly", Period.ofWeeks(2), null);
  /** One calendar month. */
  public static final Cycle MONTHLY = new Cycle("monthly", Period.ofMonths(1), null);
  /** Three calendar months. */
  public static final Cycle TRIMESTER = new Cycle("trimester", Period.ofMonths(3), null);
  /** Six calendar months. */
  public static final Cycle SEMESTER = new Cycle("semester", Period.ofMonths(6), null);
  /** One calendar year. */
  public static final Cycle YEARLY = new Cycle("yearly", Period.ofYears(1), null);

  /**
   * Validates the cycle: at most one of period and duration, and a positive length.
   *
   * @param name a readable name: {@code once}, {@code monthly}, {@code custom:PT2H}, ...
   * @param period the calendar length, or null
   * @param duration the exact length, or null
   * @throws InvalidRequestException when both are set or the length is not positive
   */
  public Cycle {
    Checks.text(name, "cycle name");
    if (period != null && duration != null) {
      throw new InvalidRequestException("a cycle has a period or a duration, not both");
    }
    if (period != null && (period.isNegative() || period.isZero())) {
      throw new InvalidRequestException("cycle period must be positive: " + period);
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new InvalidRequestException("cycle duration must be positive: " + duration);
    }
  }

  /**
   * A custom calendar cycle.
   *
   * @param period positive calendar length
   * @return the cycle
   * @throws InvalidRequestException when not positive
   */
  public static Cycle of(Period period) {
    return new Cycle("custom:" + Checks.present(period, "period"), period, null);
  }

  /**
   * A custom exact cycle.
   *
   * @param duration positive exact length
   * @return the cycle
   * @throws InvalidRequestException when not positive
   */
  public static Cycle of(Duration duration) {
    return new Cycle("custom:" + Checks.present(duration, "duration"), null, duration);
  }

  /**
   * Whether this cycle never ends.
   *
   * @return true for {@link #ONCE}
   */
  public boolean isOnce() {
    return period == null && duration == null;
  }

  /**
   * When {@code times} cycles that start at {@code start} end.
   *
   * @param start the start instant
   * @param times how many cycles, at least 1
   * @return the end, or empty for a cycle that never ends
   * @throws InvalidRequestException when times is below 1 or the result overflows
   */
  public Optional<Instant> end(Instant start, long times) {
    Checks.positive(times, "cycle count");
    if (isOnce()) {
      return Optional.empty();
    }
    try {
      if (duration != null) {
        return Optional.of(start.plus(duration.multipliedBy(times)));
      }
      Period total = Period.of(
          Math.multiplyExact(period.getYears(), Math.toIntExact(times)),
          Math.multiplyExact(period.getMonths(), Math.toIntExact(times)),
          Math.multiplyExact(period.getDays(), Math.toIntExact(times)));
      return Optional.of(start.atZone(ZoneOffset.UTC).plus(total).toInstant());
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new InvalidRequestException("cycle end overflows: " + name + " x " + times);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.credits.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Cycle")
class CycleTest {
  private static final Instant MID_JANUARY = Instant.parse("2026-01-15T10:30:00Z");

  static Stream<Arguments> namedCycles() {
    return Stream.of(
        Arguments.of(Cycle.DAILY, "daily", "2026-01-16T10:30:00Z"),
        Arguments.of(Cycle.WEEKLY, "weekly", "2026-01-22T10:30:00Z"),
        Arguments.of(Cycle.BI_WEEKLY, "bi-weekly", "2026-01-29T10:30:00Z"),
        Arguments.of(Cycle.MONTHLY, "monthly", "2026-02-15T10:30:00Z"),
        Arguments.of(Cycle.TRIMESTER, "trimester", "2026-04-15T10:30:00Z"),
        Arguments.of(Cycle.SEMESTER, "semester", "2026-07-15T10:30:00Z"),
        Arguments.of(Cycle.YEARLY, "yearly", "2027-01-15T10:30:00Z"));
  }

  @ParameterizedTest(name = "{1} from 2026-01-15 ends {2}")
  @MethodSource("namedCycles")
  @DisplayName("each named cycle ends one calendar length later, same time of day")
  void namedCycleEnds(Cycle cycle, String name, String end) {
    assertThat(cycle.name()).isEqualTo(name);
    assertThat(cycle).hasToString(name);
    assertThat(cycle.isOnce()).isFalse();
    assertThat(cycle.end(MID_JANUARY, 1)).contains(Instant.parse(end));
  }

  @Test
  @DisplayName("trimester is 3 calendar months and semester 6")
  void trimesterAndSemester() {
    assertThat(Cycle.TRIMESTER.period()).isEqualTo(Period.ofMonths(3));
    assertThat(Cycle.SEMESTER.period()).isEqualTo(Period.ofMonths(6));
    assertThat(Cycle.TRIMESTER.end(MID_JANUARY, 1)).isEqualTo(Cycle.MONTHLY.end(MID_JANUARY, 3));
    assertThat(Cycle.SEMESTER.end(MID_JANUARY, 1)).isEqualTo(Cycle.TRIMESTER.end(MID_JANUARY, 2));
    assertThat(Cycle.SEMESTER.end(MID_JANUARY, 2)).isEqualTo(Cycle.YEARLY.end(MID_JANUARY, 1));
  }

  @Test
  @DisplayName("Jan 31 + 1 month is Feb 28 in 2026 and Feb 29 in the leap year 2028")
  void endOfMonth() {
    assertThat(Cycle.MONTHLY.end(Instant.parse("2026-01-31T10:00:00Z"), 1))
        .contains(Instant.parse("2026-02-28T10:00:00Z"));
    assertThat(Cycle.MONTHLY.end(Instant.parse("2028-01-31T10:00:00Z"), 1))
        .contains(Instant.parse("2028-02-29T10:00:00Z"));
  }

  @Test
  @DisplayName("Feb 29 + 1 year is Feb 28")
  void leapDayPlusYear() {
    assertThat(Cycle.YEARLY.end(Instant.parse("2028-02-29T00:00:00Z"), 1))
        .contains(Instant.parse("2029-02-28T00:00:00Z"));
  }

  @Test
  @DisplayName("n periods are added in one step: Jan 31 + 3 months is Apr 30, not the drifted Apr 28")
  void noDrift() {
    Instant jan31 = Instant.parse("2026-01-31T10:00:00Z");
    Instant stepwise = jan31;
    for (int i = 0; i < 3; i++) {
      stepwise = Cycle.MONTHLY.end(stepwise, 1).orElseThrow();
    }

    assertThat(Cycle.MONTHLY.end(jan31, 3)).contains(Instant.parse("2026-04-30T10:00:00Z"));
    assertThat(stepwise).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
    assertThat(Cycle.MONTHLY.end(jan31, 12)).contains(Instant.parse("2027-01-31T10:00:00Z"));
    assertThat(Cycle.TRIMESTER.end(jan31, 2)).contains(Instant.parse("2026-07-31T10:00:00Z"));
  }

  @Test
  @DisplayName("calendar arithmetic is in UTC: a day is 24 hours even across a European DST change")
  void utcNoDst() {
    Instant beforeDst = Instant.parse("2026-03-28T12:00:00Z");

    assertThat(Cycle.DAILY.end(beforeDst, 2)).contains(beforeDst.plus(Duration.ofHours(48)));
  }

  @Test
  @DisplayName("a custom duration cycle is exact and named after its length")
  void customDuration() {
    Cycle twoHours = Cycle.of(Duration.ofHours(2));

    assertThat(twoHours.name()).isEqualTo("custom:PT2H");
    assertThat(twoHours.duration()).isEqualTo(Duration.ofHours(2));
    assertThat(twoHours.period()).isNull();
    assertThat(twoHours.end(MID_JANUARY, 3)).contains(MID_JANUARY.plus(Duration.ofHours(6)));
  }

  @Test
  @DisplayName("a custom period cycle uses calendar arithmetic")
  void customPeriod() {
    Cycle tenDays = Cycle.of(Period.ofDays(10));
    Cycle twoMonths = Cycle.of(Period.ofMonths(2));

    assertThat(tenDays.name()).isEqualTo("custom:P10D");
    assertThat(tenDays.end(MID_JANUARY, 2)).contains(Instant.parse("2026-02-04T10:30:00Z"));
    assertThat(twoMonths.end(Instant.parse("2025-12-31T00:00:00Z"), 1))
        .contains(Instant.parse("2026-02-28T00:00:00Z"));
  }

  @Test
  @DisplayName("once never ends, however many times")
  void onceNeverEnds() {
    assertThat(Cycle.ONCE.isOnce()).isTrue();
    assertThat(Cycle.ONCE.name()).isEqualTo("once");
    assertThat(Cycle.ONCE.end(MID_JANUARY, 1)).isEmpty();
    assertThat(Cycle.ONCE.end(MID_JANUARY, 1_000)).isEmpty();
  }

  @Test
  @DisplayName("a cycle with both a period and a duration is rejected")
  void bothRejected() {
    assertThatThrownBy(() -> new Cycle("both", Period.ofDays(1), Duration.ofDays(1)))
        .isInstanceOf(InvalidRequestException.class);
  }

  static Stream<Arguments> invalidCycles() {
    return Stream.of(
        Arguments.of("zero period", (Runnable) () -> Cycle.of(Period.ZERO)),
        Arguments.of("negative period", (Runnable) () -> Cycle.of(Period.ofDays(-1))),
        Arguments.of("period with a negative part", (Runnable) () -> Cycle.of(Period.of(0, 1, -5))),
        Arguments.of("zero duration", (Runnable) () -> Cycle.of(Duration.ZERO)),
        Arguments.of("negative duration", (Runnable) () -> Cycle.of(Duration.ofSeconds(-1))),
        Arguments.of("null period", (Runnable) () -> Cycle.of((Period) null)),
        Arguments.of("null duration", (Runnable) () -> Cycle.of((Duration) null)),
        Arguments.of("null name", (Runnable) () -> new Cycle(null, Period.ofDays(1), null)),
        Arguments.of("blank name", (Runnable) () -> new Cycle(" ", Period.ofDays(1), null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCycles")
  @DisplayName("invalid cycles are rejected")
  void invalidRejected(String what, Runnable make) {
    assertThatThrownBy(make::run).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("fewer than one period is rejected, even for once")
  void timesBelowOne() {
    assertThatThrownBy(() -> Cycle.MONTHLY.end(MID_JANUARY, 0)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Cycle.ONCE.end(MID_JANUARY, -1)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("an end beyond what java.time can hold is an error, not a wrap")
  void overflow() {
    assertThatThrownBy(() -> Cycle.YEARLY.end(MID_JANUARY, Integer.MAX_VALUE + 1L))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Cycle.YEARLY.end(MID_JANUARY, 1_000_000_000L))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Cycle.of(Duration.ofDays(365)).end(MID_JANUARY, Long.MAX_VALUE))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Cycle.DAILY.end(Instant.MAX, 1)).isInstanceOf(InvalidRequestException.class);
  }
}

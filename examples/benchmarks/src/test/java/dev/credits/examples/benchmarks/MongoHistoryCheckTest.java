package dev.credits.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The history check's rounds, small (the times themselves are measured, not asserted). */
class MongoHistoryCheckTest {

  @Test
  @DisplayName("each round times a block of spends for both histories, at about one command a spend")
  void roundsTimeBothHistories() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    MongoHistoryCheck.Result result;
    try (MongoTarget target = MongoTarget.start()) {
      result = MongoHistoryCheck.run(target, 3, 20, 10, 100, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    assertThat(result.shortMicros()).isPositive();
    assertThat(result.longMicros()).isPositive();
    assertThat(result.shortCommands()).as("a new wallet's queue holds the grant and 30 spends: never folded")
        .isEqualTo(1.0);
    assertThat(result.longCommands()).as("a fold (2 commands) once per 33 spends").isBetween(1.0, 1.1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("round  3:").contains("commands per spend");
  }
}

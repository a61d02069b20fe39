package dev.credits.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuickstartTest {
  @Test
  @DisplayName("the quickstart story runs end to end and its ledger sums to the final balance")
  void storyRuns() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long balance = Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(balance).isZero();
    assertThat(out)
        .contains("total 19.99 USD (1999 minor units)")
        .contains("order is PAID, granted: true")
        .contains("chat-pack-pro  3.50 USD")
        .contains("captured 180, returned 120, balance 700")
        .contains("warning: 700 chat tokens expire at 2026-02-28T09:00:00Z")
        .contains("recorded: EXPIRE -700 at 2026-02-28T09:00:00Z")
        .contains("sum 0 = balance 0");
  }
}

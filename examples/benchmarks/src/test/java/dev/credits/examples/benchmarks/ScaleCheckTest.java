package dev.credits.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.Credits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The scale check's fill, on a small store (the heap figures themselves are not asserted: they are measured). */
class ScaleCheckTest {

  @Test
  @DisplayName("the fill gives every user one grant, and a second fill grants nothing more")
  void fillGrantsOncePerUser() {
    Credits credits = ScaleCheck.newCredits();

    ScaleCheck.fill(credits, 500, null);
    ScaleCheck.fill(credits, 500, null);

    for (int i = 0; i < 500; i++) {
      assertThat(credits.getUserCredits(ScaleCheck.user(i)).balance(ScaleCheck.GROUP)).isEqualTo(ScaleCheck.TOKENS);
      assertThat(credits.ledger(ScaleCheck.user(i), ScaleCheck.GROUP, 0, 10)).hasSize(1);
    }
  }
}

package dev.credits.testkit.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.ConflictException;
import dev.credits.core.Credits;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.UserId;
import dev.credits.testkit.contract.CreditsFixture;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a hold placed with an idempotency key")
class HoldKeyReplayTest {
  private static final UserId ALICE = UserId.of("alice");

  private final CreditsFixture f = new CreditsFixture(new InMemoryCreditsStore());
  private final Credits credits = f.credits();

  @Test
  @DisplayName("retried with the same key a second later returns the same hold and reserves nothing more")
  void retryAfterTheClockMoved() {
    credits.grantTokens(ALICE, "chat", 100, null, "welcome");
    HoldResult first = credits.holdTokens(ALICE, "chat", 30, Duration.ofMinutes(10), "job-1");
    f.clock().advance(Duration.ofSeconds(1));

    HoldResult again = credits.holdTokens(ALICE, "chat", 30, Duration.ofMinutes(10), "job-1");

    assertThat(again).isEqualTo(first);
    assertThat(credits.getUserCredits(ALICE).balance("chat")).isEqualTo(70);
  }

  @Test
  @DisplayName("retried with the same key for another amount is a conflict")
  void otherAmountConflicts() {
    credits.grantTokens(ALICE, "chat", 100, null, "welcome");
    credits.holdTokens(ALICE, "chat", 30, Duration.ofMinutes(10), "job-1");
    f.clock().advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> credits.holdTokens(ALICE, "chat", 40, Duration.ofMinutes(10), "job-1"))
        .isInstanceOf(ConflictException.class);
    assertThat(credits.getUserCredits(ALICE).balance("chat")).isEqualTo(70);
  }
}

package dev.credits.core.spi;

import static dev.credits.core.spi.WalletRun.adjustment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WalletEngine: token overflow")
class OverflowTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");

  @Test
  @DisplayName("a grant that would overflow the wallet's tokens is rejected and changes nothing")
  void grantOverflow() {
    WalletRun run = new WalletRun();
    run.apply(adjustment("big", Long.MAX_VALUE, null), T0);
    Wallet before = run.wallet;

    assertThatThrownBy(() -> run.apply(adjustment("one", 1, null), T0.plusSeconds(1)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(run.wallet).isSameAs(before);
    assertThat(run.balance()).isEqualTo(Long.MAX_VALUE);
  }
}

package dev.credits.testkit.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.spi.Executed;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletStore;
import dev.credits.testkit.ForwardingCreditsStore;
import dev.credits.testkit.ForwardingWalletStore;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a wallet store that never gives tokens back when a refund fails (it drops lower reversal levels)")
class LifecycleBlindStoreIsCaughtTest {
  /** Answers a reversal to a lower level than the wallet's grants already have with "nothing taken", writing nothing. */
  static final class NoRestoreStore extends ForwardingCreditsStore {
    private final WalletStore wallets;

    NoRestoreStore() {
      super(new InMemoryCreditsStore());
      WalletStore real = super.wallets();
      this.wallets = new ForwardingWalletStore(real) {
        @Override
        @SuppressWarnings("unchecked")
        public <R> Executed<R> run(WalletCommand<R> command, Instant now) {
          if (command instanceof WalletCommand.Reverse r && lowers(real, r)) {
            return (Executed<R>) Executed.applied(Long.valueOf(0));
          }
          return super.run(command, now);
        }
      };
    }

    private static boolean lowers(WalletStore real, WalletCommand.Reverse r) {
      return real.find(r.key()).map(w -> w.grants().stream().anyMatch(g -> r.orderId().equals(g.orderId())
          && g.reversed() > g.initial() * r.refundedTotal() / r.total())).orElse(false);
    }

    @Override
    public WalletStore wallets() {
      return wallets;
    }
  }

  @Test
  @DisplayName("is reported by the lifecycle mode as breaking money-and-tokens-agree, and passes the standard mode")
  void failedRefundsThatRestoreNothingAreReported() {
    StressReport lifecycle = new StressHarness(NoRestoreStore::new, 4, 5_000, 7, StressHarness.Mode.LIFECYCLE).run();
    StressReport standard = new StressHarness(NoRestoreStore::new, 4, 5_000, 7).run();

    assertThat(lifecycle.failures()).extracting(InvariantResult::name).contains("money-and-tokens-agree");
    assertThat(standard.allPassed()).as(standard.details()).isTrue();
  }
}

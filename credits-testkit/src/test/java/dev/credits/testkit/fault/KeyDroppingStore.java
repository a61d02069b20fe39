package dev.credits.testkit.fault;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.spi.Executed;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletStore;
import dev.credits.testkit.ForwardingCreditsStore;
import dev.credits.testkit.ForwardingWalletStore;
import java.time.Instant;

/** A deliberately broken store: it ignores the idempotency key of consumptions, so a retry spends again. */
final class KeyDroppingStore extends ForwardingCreditsStore {
  private final WalletStore wallets = new ForwardingWalletStore(delegate().wallets()) {
    @Override
    @SuppressWarnings("unchecked")
    public <R> Executed<R> run(WalletCommand<R> command, Instant now) {
      if (command instanceof WalletCommand.Consume) {
        WalletCommand.Consume c = (WalletCommand.Consume) command;
        return (Executed<R>) super.run(new WalletCommand.Consume(c.key(), c.count(), c.overdraftLimit(), null), now);
      }
      return super.run(command, now);
    }
  };

  KeyDroppingStore() {
    super(new InMemoryCreditsStore());
  }

  @Override
  public WalletStore wallets() {
    return wallets;
  }
}

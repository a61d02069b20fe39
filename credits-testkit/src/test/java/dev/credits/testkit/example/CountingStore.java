package dev.credits.testkit.example;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.Executed;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletStore;
import dev.credits.testkit.ForwardingCreditsStore;
import dev.credits.testkit.ForwardingWalletStore;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * An adapter to prove: a store that counts the wallet commands it executes (as a metrics
 * decorator would) around another store. The README's example of running the kit.
 */
final class CountingStore extends ForwardingCreditsStore {
  private final LongAdder commands = new LongAdder();
  private final WalletStore wallets;

  CountingStore(CreditsStore delegate) {
    super(delegate);
    this.wallets = new ForwardingWalletStore(delegate.wallets()) {
      @Override
      public <R> Executed<R> run(WalletCommand<R> command, Instant now) {
        commands.increment();
        return super.run(command, now);
      }
    };
  }

  /** A counting store around a new in-memory store. */
  static CountingStore inMemory() {
    return new CountingStore(new InMemoryCreditsStore());
  }

  @Override
  public WalletStore wallets() {
    return wallets;
  }

  long commands() {
    return commands.sum();
  }
}

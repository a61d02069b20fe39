package dev.credits.testkit.stress;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.spi.WalletStore;
import dev.credits.testkit.ForwardingCreditsStore;

/** The in-memory store with its wallets replaced by the lost-update {@link RacyWalletStore}. */
final class RacyCreditsStore extends ForwardingCreditsStore {
  private final WalletStore wallets = new RacyWalletStore();

  RacyCreditsStore() {
    super(new InMemoryCreditsStore());
  }

  @Override
  public WalletStore wallets() {
    return wallets;
  }
}

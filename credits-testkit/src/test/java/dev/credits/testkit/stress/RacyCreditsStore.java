package dev.credits.testkit.stress;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.LeaseLockStore;
import dev.credits.core.spi.OfferStore;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.ProcessedEventStore;
import dev.credits.core.spi.WalletStore;

/** The in-memory store with its wallets replaced by the lost-update {@link RacyWalletStore}. */
final class RacyCreditsStore implements CreditsStore {
  private final CreditsStore sound = new InMemoryCreditsStore();
  private final WalletStore wallets = new RacyWalletStore();

  @Override
  public OfferStore offers() {
    return sound.offers();
  }

  @Override
  public OrderStore orders() {
    return sound.orders();
  }

  @Override
  public WalletStore wallets() {
    return wallets;
  }

  @Override
  public ProcessedEventStore processedEvents() {
    return sound.processedEvents();
  }

  @Override
  public LeaseLockStore locks() {
    return sound.locks();
  }
}

package dev.credits.testkit.fault;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.LeaseLockStore;
import dev.credits.core.spi.OfferStore;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.ProcessedEventStore;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import dev.credits.core.spi.WalletStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A deliberately broken store: it ignores the idempotency key of consumptions, so a retry spends again. */
final class KeyDroppingStore implements CreditsStore {
  private final CreditsStore d = new InMemoryCreditsStore();
  private final WalletStore wallets = new WalletStore() {
    @Override
    @SuppressWarnings("unchecked")
    public <R> R execute(WalletCommand<R> command, Instant now) {
      if (command instanceof WalletCommand.Consume) {
        WalletCommand.Consume c = (WalletCommand.Consume) command;
        return (R) d.wallets().execute(new WalletCommand.Consume(c.key(), c.count(), c.overdraftLimit(), null), now);
      }
      return d.wallets().execute(command, now);
    }

    @Override
    public Optional<Wallet> find(WalletKey key) {
      return d.wallets().find(key);
    }

    @Override
    public List<Wallet> findByUser(UserId userId) {
      return d.wallets().findByUser(userId);
    }

    @Override
    public List<LedgerEntry> ledger(WalletKey key, long afterSeq, int limit) {
      return d.wallets().ledger(key, afterSeq, limit);
    }

    @Override
    public List<WalletKey> findDue(Instant until, int limit) {
      return d.wallets().findDue(until, limit);
    }
  };

  @Override
  public OfferStore offers() {
    return d.offers();
  }

  @Override
  public OrderStore orders() {
    return d.orders();
  }

  @Override
  public WalletStore wallets() {
    return wallets;
  }

  @Override
  public ProcessedEventStore processedEvents() {
    return d.processedEvents();
  }

  @Override
  public LeaseLockStore locks() {
    return d.locks();
  }
}

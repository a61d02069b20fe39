package dev.credits.mongo;

import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.LeaseLockStore;
import dev.credits.core.spi.OfferStore;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.ProcessedEventStore;
import dev.credits.core.spi.TicketStore;
import dev.credits.core.spi.WalletStore;

/**
 * Every store of Credits on one MongoDB database. Its only state is the wallet store's cache of the
 * wallet documents it wrote last, which is checked by version on every write.
 */
final class MongoCreditsStore implements CreditsStore {
  private final OfferStore offers;
  private final OrderStore orders;
  private final WalletStore wallets;
  private final ProcessedEventStore events;
  private final LeaseLockStore locks;
  private final TicketStore tickets;

  MongoCreditsStore(Schema schema, int cachedWallets, TicketStore tickets) {
    this.offers = new MongoOfferStore(schema);
    this.orders = new MongoOrderStore(schema);
    this.wallets = new MongoWalletStore(schema, cachedWallets);
    this.events = new MongoProcessedEventStore(schema);
    this.locks = new MongoLockStore(schema);
    this.tickets = tickets;
  }

  @Override
  public OfferStore offers() {
    return offers;
  }

  @Override
  public OrderStore orders() {
    return orders;
  }

  @Override
  public WalletStore wallets() {
    return wallets;
  }

  @Override
  public ProcessedEventStore processedEvents() {
    return events;
  }

  @Override
  public LeaseLockStore locks() {
    return locks;
  }

  @Override
  public TicketStore tickets() {
    return tickets;
  }
}

package dev.credits.core.memory;

import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.LeaseLockStore;
import dev.credits.core.spi.OfferStore;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.ProcessedEventStore;
import dev.credits.core.spi.TicketStore;
import dev.credits.core.spi.WalletStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default store: everything in this JVM's heap, thread-safe, lost at exit. It is the
 * reference implementation of the SPI and runs the testkit's whole contract kit. Writes on one
 * wallet are serialised by that wallet's monitor; different wallets never contend.
 */
public final class InMemoryCreditsStore implements CreditsStore {
  private final OfferStore offers = new InMemoryOfferStore();
  private final OrderStore orders = new InMemoryOrderStore();
  private final WalletStore wallets = new InMemoryWalletStore();
  private final LeaseLockStore locks = new InMemoryLockStore();
  private final TicketStore tickets = new InMemoryTicketStore();
  private final ProcessedEventStore events = new ProcessedEventStore() {
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    @Override
    public boolean isProcessed(String eventId) {
      return seen.containsKey(eventId);
    }

    @Override
    public void markProcessed(String eventId, Instant at) {
      seen.putIfAbsent(eventId, at);
    }
  };

  /** Creates an empty store. */
  public InMemoryCreditsStore() {}

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

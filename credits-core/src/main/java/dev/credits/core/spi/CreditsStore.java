package dev.credits.core.spi;

/**
 * Everything Credits stores, from one backend. An adapter (in-memory, MongoDB, your database)
 * implements this and proves itself with the testkit's contract kit.
 */
public interface CreditsStore {
  /**
   * The catalog.
   *
   * @return the offer store
   */
  OfferStore offers();

  /**
   * Orders.
   *
   * @return the order store
   */
  OrderStore orders();

  /**
   * Wallets and ledgers.
   *
   * @return the wallet store
   */
  WalletStore wallets();

  /**
   * Processed processor events.
   *
   * @return the event store
   */
  ProcessedEventStore processedEvents();

  /**
   * Lease locks.
   *
   * @return the lock store
   */
  LeaseLockStore locks();

  /**
   * Listed tickets, for {@link dev.credits.core.ticket.Tickets}. Optional: a store that does not
   * keep tickets leaves this default, and only the ticket module fails on it.
   *
   * @return the ticket store
   * @throws UnsupportedOperationException when this store keeps no tickets
   */
  default TicketStore tickets() {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no tickets");
  }
}

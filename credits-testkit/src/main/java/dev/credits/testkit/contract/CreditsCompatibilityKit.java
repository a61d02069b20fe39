package dev.credits.testkit.contract;

import dev.credits.core.spi.CreditsStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The compatibility kit: every rule of Credits, checked through the public facade on the store
 * under test. An adapter proves itself by extending this class and supplying {@link #createStore()}:
 *
 * <pre>{@code
 * class MyStoreTest extends CreditsCompatibilityKit {
 *   @Override
 *   public CreditsStore createStore() {
 *     return new MyStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * Each {@code @Nested} group below is also a public abstract class (for example
 * {@link ConsumptionContract}) that can be extended alone.
 */
public abstract class CreditsCompatibilityKit {
  /** Creates the kit. */
  protected CreditsCompatibilityKit() {}

  /**
   * A new, empty store. Called once per test.
   *
   * @return the store
   */
  public abstract CreditsStore createStore();

  /** offers: visibility, unlocking, overriding, tags, bundles, prices. */
  @Nested
  @DisplayName("offers: visibility, unlocking, overriding, tags, bundles, prices")
  class Offers extends OffersContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** orders: totals, quantities, locked offers, the status machine, ownership, payment windows. */
  @Nested
  @DisplayName("orders: totals, quantities, locked offers, the status machine, ownership, payment windows")
  class Orders extends OrdersContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** payments: exactly-once completion, webhooks, mismatches, free orders. */
  @Nested
  @DisplayName("payments: exactly-once completion, webhooks, mismatches, free orders")
  class Payments extends PaymentsContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** the payment lifecycle: attempts, closing, processing, late money, disputes, failed refunds. */
  @Nested
  @DisplayName("the payment lifecycle: attempts, closing, processing, late money, disputes, failed refunds")
  class Lifecycle extends LifecycleContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** hostile input: ids and keys beyond the limits, bounded order histories; nothing written. */
  @Nested
  @DisplayName("hostile input: ids and keys beyond the limits, bounded order histories; nothing written")
  class HostileInput extends HostileInputContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** refunds: shares of unspent tokens, idempotency, processor notifications, races. */
  @Nested
  @DisplayName("refunds: shares of unspent tokens, idempotency, processor notifications, races")
  class Refunds extends RefundsContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** consumption: burn order, atomicity, idempotency, overdraft, isolation between users. */
  @Nested
  @DisplayName("consumption: burn order, atomicity, idempotency, overdraft, isolation between users")
  class Consumption extends ConsumptionContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** holds: reserve, capture, release, self-expiry. */
  @Nested
  @DisplayName("holds: reserve, capture, release, self-expiry")
  class Holds extends HoldsContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** the ledger: append-only history that sums to the balance. */
  @Nested
  @DisplayName("the ledger: append-only history that sums to the balance")
  class Ledger extends LedgerContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** expiry: recorded expiries, warnings, the sweep. */
  @Nested
  @DisplayName("expiry: recorded expiries, warnings, the sweep")
  class Expiry extends ExpiryContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** events: what is published, once. */
  @Nested
  @DisplayName("events: what is published, once")
  class Events extends EventsContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** lease locks: acquire, extend, release, take-over. */
  @Nested
  @DisplayName("lease locks: acquire, extend, release, take-over")
  class Locks extends LocksContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** tickets: listing, one reservation of many buyers, payment, expiry once, versions. */
  @Nested
  @DisplayName("tickets: listing, one reservation of many buyers, payment, expiry once, versions")
  class Tickets extends TicketsContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }

  /** store SPI obligations checked directly on the adapter. */
  @Nested
  @DisplayName("store SPI obligations checked directly on the adapter")
  class Store extends StoreContract {
    @Override
    protected CreditsStore newStore() {
      return createStore();
    }
  }
}

package dev.credits.testkit;

import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.LeaseLockStore;
import dev.credits.core.spi.OfferStore;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.ProcessedEventStore;
import dev.credits.core.spi.TicketStore;
import dev.credits.core.spi.WalletStore;
import java.util.Objects;

/**
 * A store that forwards everything to another one. Extend it and override one part to inject a
 * fault, a delay or a deliberate bug into a real store in tests.
 */
public class ForwardingCreditsStore implements CreditsStore {
  private final CreditsStore delegate;

  /**
   * Forwards to {@code delegate}.
   *
   * @param delegate the real store
   */
  public ForwardingCreditsStore(CreditsStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
  }

  /**
   * The store forwarded to.
   *
   * @return the delegate
   */
  protected final CreditsStore delegate() {
    return delegate;
  }

  @Override
  public OfferStore offers() {
    return delegate.offers();
  }

  @Override
  public OrderStore orders() {
    return delegate.orders();
  }

  @Override
  public WalletStore wallets() {
    return delegate.wallets();
  }

  @Override
  public ProcessedEventStore processedEvents() {
    return delegate.processedEvents();
  }

  @Override
  public LeaseLockStore locks() {
    return delegate.locks();
  }

  @Override
  public TicketStore tickets() {
    return delegate.tickets();
  }
}

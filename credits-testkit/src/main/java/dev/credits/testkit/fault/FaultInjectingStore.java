package dev.credits.testkit.fault;

import dev.credits.core.StoreUnavailableException;
import dev.credits.core.model.Lease;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.LeaseLockStore;
import dev.credits.core.spi.OfferStore;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.ProcessedEventStore;
import dev.credits.core.spi.Executed;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletStore;
import dev.credits.testkit.ForwardingWalletStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A {@link CreditsStore} decorator that numbers every write and makes the k-th one fail with a
 * {@link StoreUnavailableException}, either {@link Timing#BEFORE} applying it (the write never
 * happened) or {@link Timing#AFTER} applying it (the write happened, its acknowledgement was lost).
 * Reads are passed through untouched.
 *
 * <p>Writes are: {@link WalletStore#execute}, {@link OrderStore#insert}, {@link OrderStore#replace}
 * (every compare-and-set attempt, won or lost), {@link OfferStore#save},
 * {@link ProcessedEventStore#markProcessed}, and {@link LeaseLockStore#tryAcquire},
 * {@link LeaseLockStore#extend} and {@link LeaseLockStore#release}. At most one write fails per
 * store; thread-safe.
 */
public final class FaultInjectingStore implements CreditsStore {
  /** When the injected failure happens relative to the write. */
  public enum Timing {
    /** The write is not applied; the caller sees the store as unreachable. */
    BEFORE,
    /** The write is applied, then the caller sees the store as unreachable (a lost acknowledgement). */
    AFTER
  }

  private final CreditsStore delegate;
  private final long failAt;
  private final Timing timing;
  private final AtomicLong writes = new AtomicLong();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> fired = new AtomicReference<>();
  private final OfferStore offers;
  private final OrderStore orders;
  private final WalletStore wallets;
  private final ProcessedEventStore events;
  private final LeaseLockStore locks;

  private FaultInjectingStore(CreditsStore delegate, long failAt, Timing timing) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.failAt = failAt;
    this.timing = Objects.requireNonNull(timing, "timing == null");
    this.offers = new Offers(delegate.offers());
    this.orders = new Orders(delegate.orders());
    this.wallets = new Wallets(delegate.wallets());
    this.events = new Events(delegate.processedEvents());
    this.locks = new Locks(delegate.locks());
  }

  /**
   * A store that only counts and names writes, never failing.
   *
   * @param delegate the real store
   * @return the decorator
   */
  public static FaultInjectingStore counting(CreditsStore delegate) {
    return new FaultInjectingStore(delegate, 0, Timing.BEFORE);
  }

  /**
   * A store whose write number {@code k} (from 1) fails.
   *
   * @param delegate the real store
   * @param k the write to fail, at least 1
   * @param timing before or after applying it
   * @return the decorator
   * @throws IllegalArgumentException when {@code k < 1}
   */
  public static FaultInjectingStore failing(CreditsStore delegate, long k, Timing timing) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, was " + k);
    }
    return new FaultInjectingStore(delegate, k, timing);
  }

  /**
   * How many writes were attempted so far (the failed one included).
   *
   * @return the count
   */
  public long writes() {
    return writes.get();
  }

  /**
   * Every write attempted so far, in order, named like {@code WalletStore.execute(Consume)}.
   *
   * @return a snapshot
   */
  public List<String> writeLog() {
    return List.copyOf(log);
  }

  /**
   * The write that was made to fail, once it has.
   *
   * @return its name, or empty while the fault has not fired
   */
  public Optional<String> fired() {
    return Optional.ofNullable(fired.get());
  }

  /**
   * The decorated store.
   *
   * @return the real store
   */
  public CreditsStore delegate() {
    return delegate;
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

  private <T> T write(String what, Supplier<T> op) {
    long n = writes.incrementAndGet();
    log.add(what);
    if (n != failAt) {
      return op.get();
    }
    fired.set("#" + n + " " + what);
    if (timing == Timing.BEFORE) {
      throw new StoreUnavailableException("injected fault before write #" + n + " (" + what + "): not applied");
    }
    op.get();
    throw new StoreUnavailableException("injected fault after write #" + n + " (" + what
        + "): applied, acknowledgement lost");
  }

  private void run(String what, Runnable op) {
    write(what, () -> {
      op.run();
      return null;
    });
  }

  private final class Offers implements OfferStore {
    private final OfferStore d;

    Offers(OfferStore d) {
      this.d = d;
    }

    @Override
    public void save(Offer offer) {
      run("OfferStore.save", () -> d.save(offer));
    }

    @Override
    public Optional<Offer> find(OfferId id) {
      return d.find(id);
    }

    @Override
    public List<Offer> findAll() {
      return d.findAll();
    }
  }

  private final class Orders implements OrderStore {
    private final OrderStore d;

    Orders(OrderStore d) {
      this.d = d;
    }

    @Override
    public void insert(Order order) {
      run("OrderStore.insert", () -> d.insert(order));
    }

    @Override
    public Optional<Order> find(OrderId id) {
      return d.find(id);
    }

    @Override
    public boolean replace(Order next) {
      return write("OrderStore.replace(" + next.status() + (next.granted() ? ", granted" : "") + ")",
          () -> d.replace(next));
    }

    @Override
    public List<Order> findByUser(UserId userId) {
      return d.findByUser(userId);
    }

    @Override
    public Optional<Order> findByPaymentReference(String reference) {
      return d.findByPaymentReference(reference);
    }

    @Override
    public List<Order> findDue(Instant now, int limit) {
      return d.findDue(now, limit);
    }
  }

  private final class Wallets extends ForwardingWalletStore {
    Wallets(WalletStore d) {
      super(d);
    }

    @Override
    public <R> Executed<R> run(WalletCommand<R> command, Instant now) {
      return write("WalletStore.execute(" + command.getClass().getSimpleName() + ")", () -> super.run(command, now));
    }
  }

  private final class Events implements ProcessedEventStore {
    private final ProcessedEventStore d;

    Events(ProcessedEventStore d) {
      this.d = d;
    }

    @Override
    public boolean isProcessed(String eventId) {
      return d.isProcessed(eventId);
    }

    @Override
    public void markProcessed(String eventId, Instant at) {
      run("ProcessedEventStore.markProcessed", () -> d.markProcessed(eventId, at));
    }
  }

  private final class Locks implements LeaseLockStore {
    private final LeaseLockStore d;

    Locks(LeaseLockStore d) {
      this.d = d;
    }

    @Override
    public Optional<Lease> tryAcquire(String name, String holder, Instant until, Instant now) {
      return write("LeaseLockStore.tryAcquire", () -> d.tryAcquire(name, holder, until, now));
    }

    @Override
    public Optional<Lease> extend(String name, String holder, Instant until, Instant now) {
      return write("LeaseLockStore.extend", () -> d.extend(name, holder, until, now));
    }

    @Override
    public boolean release(String name, String holder) {
      return write("LeaseLockStore.release", () -> d.release(name, holder));
    }
  }
}

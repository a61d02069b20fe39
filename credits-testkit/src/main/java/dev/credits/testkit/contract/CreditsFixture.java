package dev.credits.testkit.contract;

import dev.credits.core.Credits;
import dev.credits.core.spi.CreditsStore;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.MutableClock;
import dev.credits.testkit.RecordingEventPublisher;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each contract test works with: a fresh store from the adapter under test, a
 * {@link MutableClock} at {@link #START}, a {@link FakePaymentGateway}, a
 * {@link RecordingEventPublisher}, and a {@link Credits} facade wired to them with deterministic ids
 * and overdraft allowed in group {@link #POSTPAID} down to {@link #OVERDRAFT_LIMIT}.
 */
public final class CreditsFixture {
  /** The instant every test starts at. */
  public static final String START = "2026-01-31T10:00:00Z";
  /** A group with an overdraft (post-paid) limit. */
  public static final String POSTPAID = "postpaid";
  /** The overdraft limit of {@link #POSTPAID}. */
  public static final long OVERDRAFT_LIMIT = 50;
  /** The payment window of orders. */
  public static final Duration PAYMENT_WINDOW = Duration.ofMinutes(30);

  private final CreditsStore store;
  private final MutableClock clock = MutableClock.at(START);
  private final FakePaymentGateway gateway = new FakePaymentGateway(clock);
  private final RecordingEventPublisher events = new RecordingEventPublisher();
  private final Credits credits;

  /**
   * Wires a fixture around a fresh store.
   *
   * @param store a new, empty store from the adapter under test
   */
  public CreditsFixture(CreditsStore store) {
    this.store = Objects.requireNonNull(store, "store == null");
    AtomicLong ids = new AtomicLong();
    this.credits = Credits.builder()
        .store(store)
        .gateway(gateway)
        .events(events)
        .clock(clock)
        .paymentWindow(PAYMENT_WINDOW)
        .ids(() -> Long.toString(ids.incrementAndGet()))
        .overdraft(POSTPAID, OVERDRAFT_LIMIT)
        .build();
  }

  /**
   * The facade under test.
   *
   * @return the facade
   */
  public Credits credits() {
    return credits;
  }

  /**
   * The store under test.
   *
   * @return the store
   */
  public CreditsStore store() {
    return store;
  }

  /**
   * The clock to move.
   *
   * @return the clock
   */
  public MutableClock clock() {
    return clock;
  }

  /**
   * The scriptable gateway.
   *
   * @return the gateway
   */
  public FakePaymentGateway gateway() {
    return gateway;
  }

  /**
   * The recorded events.
   *
   * @return the recorder
   */
  public RecordingEventPublisher events() {
    return events;
  }

  /**
   * Overdraft limits the facade was built with.
   *
   * @return group to limit
   */
  public Map<String, Long> overdraftLimits() {
    return Map.of(POSTPAID, OVERDRAFT_LIMIT);
  }
}

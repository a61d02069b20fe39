package dev.credits.core.memory;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.spi.EventPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The default publisher: delivers each event synchronously, on the publishing thread, to every
 * subscriber in subscription order. Thread-safe. A subscriber that throws does not stop the others.
 */
public final class InProcessEventBus implements EventPublisher {
  private static final System.Logger LOG = System.getLogger(InProcessEventBus.class.getName());
  private final List<Consumer<? super CreditsEvent>> subscribers = new CopyOnWriteArrayList<>();

  /** Creates a bus with no subscribers. */
  public InProcessEventBus() {}

  /**
   * Adds a subscriber.
   *
   * @param subscriber receives every event published after this call
   * @return this bus
   */
  public InProcessEventBus subscribe(Consumer<? super CreditsEvent> subscriber) {
    subscribers.add(java.util.Objects.requireNonNull(subscriber, "subscriber == null"));
    return this;
  }

  @Override
  public void publish(CreditsEvent event) {
    for (Consumer<? super CreditsEvent> s : subscribers) {
      try {
        s.accept(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "event subscriber failed on " + event.getClass().getSimpleName(), e);
      }
    }
  }
}

package dev.credits.testkit;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.spi.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every published event, in order, for assertions. Thread-safe. */
public final class RecordingEventPublisher implements EventPublisher {
  private final List<CreditsEvent> events = new CopyOnWriteArrayList<>();

  /** Creates an empty recorder. */
  public RecordingEventPublisher() {}

  @Override
  public void publish(CreditsEvent event) {
    events.add(event);
  }

  /**
   * Every event so far.
   *
   * @return a snapshot, oldest first
   */
  public List<CreditsEvent> all() {
    return List.copyOf(events);
  }

  /**
   * The events of one type so far.
   *
   * @param type the event record class
   * @param <E> its type
   * @return a snapshot, oldest first
   */
  public <E extends CreditsEvent> List<E> of(Class<E> type) {
    List<E> out = new ArrayList<>();
    for (CreditsEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /** Forgets everything recorded. */
  public void clear() {
    events.clear();
  }
}

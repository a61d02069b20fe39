package dev.credits.core.spi;

import dev.credits.core.event.CreditsEvent;

/**
 * Receives domain events after the change they describe was stored. Must be thread-safe. An
 * exception thrown here is logged and swallowed: it never undoes or fails the operation.
 */
@FunctionalInterface
public interface EventPublisher {
  /**
   * Publishes one event.
   *
   * @param event the event
   */
  void publish(CreditsEvent event);

  /**
   * A publisher that drops everything.
   *
   * @return the publisher
   */
  static EventPublisher none() {
    return e -> {};
  }
}

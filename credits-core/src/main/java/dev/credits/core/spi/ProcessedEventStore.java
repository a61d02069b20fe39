package dev.credits.core.spi;

import java.time.Instant;

/** Remembers which processor events were fully processed. Thread-safe. */
public interface ProcessedEventStore {
  /**
   * Whether an event was recorded as processed.
   *
   * @param eventId the processor's event id
   * @return true when {@link #markProcessed} was called for it
   */
  boolean isProcessed(String eventId);

  /**
   * Records an event as processed; idempotent (recording twice is fine). Called only after the
   * event's effects were stored, so a crash in between makes the event processed again, and the
   * effects are idempotent.
   *
   * @param eventId the processor's event id
   * @param at when
   */
  void markProcessed(String eventId, Instant at);
}

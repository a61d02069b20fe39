package dev.credits.core.model;

/**
 * What handling one processor notification did. Answer the processor with a 2xx for every action
 * except {@link #DEFERRED}, which must be answered with a 5xx (e.g. 503) so that it is delivered
 * again; see {@link WebhookOutcome#shouldRedeliver()}.
 */
public enum WebhookAction {
  /** The event changed the order (or confirmed what it already said), and is recorded as processed. */
  APPLIED,
  /** This event id was processed before; nothing was done. */
  DUPLICATE,
  /** The library does not act on this type of event; recorded as processed. */
  IGNORED,
  /** The event names no order this store knows (another system's payment); recorded as processed. */
  UNKNOWN_ORDER,
  /**
   * The event arrived before one it depends on (a refund or dispute before its payment's success):
   * nothing was recorded, and it must be delivered again.
   */
  DEFERRED
}

package dev.credits.testkit.mongo;

/** A server that a launcher started or found; each kind lives in its own class so that only the
 * optional dependency it needs is loaded. */
interface RunningServer extends AutoCloseable {
  /** Its connection string. */
  String uri();

  /** What it is and where, for messages (no password). */
  String description();

  /** Stops it if this JVM started it; never throws. */
  @Override
  void close();
}

package dev.credits.mongo;

import com.mongodb.client.model.Projections;
import org.bson.conversions.Bson;

/**
 * Projections used by every read. On MongoDB a document is always read whole and consistent;
 * in-process test servers (mongo-java-server) serialise a stored document outside their lock
 * unless a projection is given, which can show a half-applied concurrent update and break a
 * compare-and-set. Giving a projection makes them copy the document atomically; on MongoDB it
 * costs nothing.
 */
final class Snapshots {
  /** The whole document: excludes a field that is never written. */
  static final Bson ALL = Projections.exclude("_unused");

  private Snapshots() {}
}

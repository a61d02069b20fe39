package dev.credits.examples.benchmarks;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.credits.core.Credits;
import dev.credits.mongo.MongoCredits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The MongoDB server a benchmark runs against: the server named by {@value #URI_ENV} when that variable is set,
 * otherwise a mongo-java-server (in-process, memory backend, real wire protocol) started here. The client reports
 * every command to {@link RoundTrips}. Each benchmark state uses databases of its own and drops them.
 */
final class MongoTarget implements AutoCloseable {
  /** The environment variable naming a real server, e.g. {@code mongodb://localhost:27017}. */
  static final String URI_ENV = "CREDITS_MONGODB_URI";
  /** The benchmarks' fixed clock: nothing expires while they run. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  private final MongoServer server;
  private final String uri;
  private final MongoClient client;

  private MongoTarget(MongoServer server, String uri) {
    this.server = server;
    this.uri = uri;
    this.client = MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .addCommandListener(RoundTrips.LISTENER)
        .build());
  }

  /** Connects to {@value #URI_ENV}, or starts an in-process server when it is unset or blank. */
  static MongoTarget start() {
    String uri = System.getenv(URI_ENV);
    if (uri != null && !uri.isBlank()) {
      return new MongoTarget(null, uri);
    }
    MongoServer server = new MongoServer(new MemoryBackend());
    return new MongoTarget(server, server.bindAndGetConnectionString());
  }

  /** @return the client (owned by this target) */
  MongoClient client() {
    return client;
  }

  /**
   * A second client to the same server that reports its commands to {@code listener} only (not to
   * {@link RoundTrips}); the caller closes it.
   *
   * @param listener the listener
   * @return the client
   */
  MongoClient client(CommandListener listener) {
    return MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .addCommandListener(listener)
        .build());
  }

  /** @return a database name not used before, so runs against a shared real server never meet */
  String freshDatabase() {
    return "credits_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /**
   * Builds the facade on credits-mongo's store, with the fixed clock and the default simulated gateway.
   *
   * @param database the database (its indexes are created here)
   * @return the facade
   */
  Credits credits(String database) {
    return credits(client, database);
  }

  /**
   * Builds the facade on credits-mongo's store through another client of this target's server.
   *
   * @param through the client, e.g. one of {@link #client(CommandListener)}
   * @param database the database (its indexes are created here)
   * @return the facade
   */
  Credits credits(MongoClient through, String database) {
    return Credits.builder().store(MongoCredits.create(through, database)).clock(CLOCK).build();
  }

  /** Drops a database this target made. */
  void drop(String database) {
    client.getDatabase(database).drop();
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.shutdownNow();
    }
  }
}

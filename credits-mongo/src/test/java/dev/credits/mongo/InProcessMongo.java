package dev.credits.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import dev.credits.core.spi.CreditsStore;
import dev.credits.testkit.mongo.EmbeddedMongo;

/**
 * One test MongoDB server for the whole test JVM, from credits-testkit's {@link EmbeddedMongo}: the
 * in-process mongo-java-server by default (real wire protocol, real sync driver), an existing
 * server with {@code CREDITS_MONGODB_URI=mongodb://...}, a real mongod with
 * {@code CREDITS_MONGODB_MODE=flapdoodle}. A fresh database per store.
 */
final class InProcessMongo {
  private static EmbeddedMongo mongo;
  private static RuntimeException failure;

  private InProcessMongo() {}

  /** Started once; a server that cannot start fails every test with the same reason, at once. */
  private static synchronized EmbeddedMongo mongo() {
    if (failure != null) {
      throw failure;
    }
    if (mongo == null) {
      try {
        EmbeddedMongo started = EmbeddedMongo.start();
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-mongo-stop"));
        mongo = started;
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return mongo;
  }

  static String connectionString() {
    return mongo().uri();
  }

  /** The shared client. */
  static MongoClient client() {
    return mongo().client();
  }

  /** A new client that reports every command to a listener; the caller closes it. */
  static MongoClient client(CommandListener listener) {
    return MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(connectionString()))
        .addCommandListener(listener)
        .build());
  }

  /** A database name never used before on the server. */
  static String freshDatabase() {
    return mongo().newDatabaseName();
  }

  /** A store on a fresh database. */
  static CreditsStore freshStore() {
    return MongoCredits.create(client(), freshDatabase());
  }
}

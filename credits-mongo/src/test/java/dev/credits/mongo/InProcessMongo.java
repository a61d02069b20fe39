package dev.credits.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.credits.core.spi.CreditsStore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-process mongo-java-server for the whole test JVM (real wire protocol, real sync driver),
 * and a fresh database per store.
 */
final class InProcessMongo {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static MongoServer server;
  private static String connection;
  private static MongoClient client;

  private InProcessMongo() {}

  static synchronized String connectionString() {
    if (server == null) {
      server = new MongoServer(new MemoryBackend());
      connection = server.bindAndGetConnectionString();
      Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-java-server-stop"));
    }
    return connection;
  }

  /** The shared client. */
  static synchronized MongoClient client() {
    if (client == null) {
      client = MongoClients.create(connectionString());
    }
    return client;
  }

  /** A new client that reports every command to a listener; the caller closes it. */
  static MongoClient client(CommandListener listener) {
    return MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(connectionString()))
        .addCommandListener(listener)
        .build());
  }

  /** A database name never used before in this JVM. */
  static String freshDatabase() {
    return "credits_test_" + DATABASES.incrementAndGet();
  }

  /** A store on a fresh database. */
  static CreditsStore freshStore() {
    return MongoCredits.create(client(), freshDatabase());
  }
}

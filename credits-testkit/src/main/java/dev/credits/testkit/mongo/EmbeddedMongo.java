package dev.credits.testkit.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.credits.testkit.mongo.MongoSettings.Key;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * A MongoDB server for tests, chosen by {@link MongoSettings}, with one shared client and as many
 * fresh databases as the tests want:
 *
 * <pre>{@code
 * try (EmbeddedMongo mongo = EmbeddedMongo.start()) {
 *   MongoDatabase db = mongo.client().getDatabase(mongo.newDatabaseName());
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns only once the server answers a {@code ping}; a server that cannot be
 * started or reached is an {@link EmbeddedMongoException} that says why and what to set, never a
 * silent switch to another server. Thread-safe. {@link #close()} stops what it started; on an
 * existing server it drops the databases it named.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private static final long DEFAULT_SELECTION_TIMEOUT_SECONDS = 10;

  private final MongoSettings settings;
  private final RunningServer server;
  private final MongoClient client;
  private final String databasePrefix = "credits_test_" + UUID.randomUUID().toString().substring(0, 8) + "_";
  private final AtomicInteger databases = new AtomicInteger();
  private final Set<String> named = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedMongo(MongoSettings settings, RunningServer server, MongoClient client) {
    this.settings = settings;
    this.server = server;
    this.client = client;
  }

  /**
   * Starts (or connects to) the server that this JVM's environment variables and system
   * properties select ({@link MongoSettings#fromEnvironment()}).
   *
   * @return the running server, answering pings
   * @throws EmbeddedMongoException if the settings are unusable, a dependency the mode needs is
   *     missing, or the server cannot be started or reached
   */
  public static EmbeddedMongo start() {
    return start(MongoSettings.fromEnvironment());
  }

  /**
   * Starts (or connects to) the server that {@code settings} select.
   *
   * @param settings which server
   * @return the running server, answering pings
   * @throws EmbeddedMongoException if a dependency the mode needs is missing, or the server cannot
   *     be started or reached
   */
  public static EmbeddedMongo start(MongoSettings settings) {
    Objects.requireNonNull(settings, "settings == null");
    requireClass(settings, "com.mongodb.client.MongoClient", "org.mongodb:mongodb-driver-sync");
    RunningServer server;
    switch (settings.mode()) {
      case URI:
        server = new ExistingServer(settings.uri().orElseThrow());
        break;
      case FLAPDOODLE:
        requireClass(settings, "de.flapdoodle.embed.mongo.transitions.Mongod",
            "de.flapdoodle.embed:de.flapdoodle.embed.mongo");
        server = FlapdoodleServer.start(settings);
        break;
      default:
        requireClass(settings, "de.bwaldvogel.mongo.MongoServer", "de.bwaldvogel:mongo-java-server");
        server = InProcessServer.start();
        break;
    }
    return new EmbeddedMongo(settings, server, connect(settings, server));
  }

  private static MongoClient connect(MongoSettings settings, RunningServer server) {
    MongoClient client = null;
    try {
      ConnectionString connection = new ConnectionString(server.uri());
      MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(connection);
      if (connection.getServerSelectionTimeout() == null) {
        builder.applyToClusterSettings(c -> c.serverSelectionTimeout(DEFAULT_SELECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      client = MongoClients.create(builder.build());
      client.getDatabase("admin").runCommand(new Document("ping", 1));
      return client;
    } catch (RuntimeException e) {
      if (client != null) {
        client.close();
      }
      server.close();
      throw new EmbeddedMongoException(unreachable(settings, server, e), e);
    }
  }

  private static String unreachable(MongoSettings settings, RunningServer server, RuntimeException e) {
    if (settings.mode() != MongoMode.URI) {
      return server.description() + " (" + settings.reason() + ") started but does not answer: " + Failures.chain(e);
    }
    return "cannot use the MongoDB server named by " + settings.describe(Key.URI).orElseThrow() + ": "
        + Failures.chain(e) + ". Start that server or correct the URI (unless the URI sets "
        + "serverSelectionTimeoutMS, the server must answer within " + DEFAULT_SELECTION_TIMEOUT_SECONDS
        + " s), or unset " + Key.URI.variable() + " to use the in-process server.";
  }

  private static void requireClass(MongoSettings settings, String className, String artifact) {
    try {
      Class.forName(className, false, EmbeddedMongo.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new EmbeddedMongoException(settings.mode().configName() + " mode (" + settings.reason() + ") needs "
          + artifact + " on the test class path: credits-testkit declares it optional, so add it to your "
          + "build with test scope (the versions the testkit is built with are in its pom)", e);
    }
  }

  /**
   * The settings this server was chosen by.
   *
   * @return the settings
   */
  public MongoSettings settings() {
    return settings;
  }

  /**
   * The server's connection string, for code that makes its own client.
   *
   * @return the connection string (with its password, if the configured URI has one)
   */
  public String uri() {
    return server.uri();
  }

  /**
   * The shared client. Do not close it: {@link #close()} does.
   *
   * @return the client
   */
  public MongoClient client() {
    return client;
  }

  /**
   * A database name not used before on this server: unique to this launcher (a random part) and
   * to this call (a counter), so runs sharing one server never see each other's data.
   *
   * @return a name such as {@code credits_test_1f2e3d4c_7}
   */
  public String newDatabaseName() {
    String name = databasePrefix + databases.incrementAndGet();
    named.add(name);
    return name;
  }

  /**
   * What the server is, where, and why it was chosen, without passwords.
   *
   * @return a one-line description
   */
  public String description() {
    return server.description() + " (" + settings.reason() + ")";
  }

  /**
   * Drops the databases {@link #newDatabaseName()} named if the server is an existing one, closes
   * the client, and stops the server if this launcher started it. Idempotent; never throws.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (settings.mode() == MongoMode.URI) {
        for (String name : named) {
          client.getDatabase(name).drop();
        }
      }
    } catch (RuntimeException e) {
      // the server went away: its test databases stay, under names no later run reuses
    } finally {
      client.close();
      server.close();
    }
  }

  @Override
  public String toString() {
    return description();
  }
}

package dev.credits.testkit.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that resolves, in constructors, test methods and lifecycle methods:
 *
 * <ul>
 *   <li>{@link MongoClient}: the shared client of the test server;
 *   <li>{@link MongoDatabase}: a database of the test class's own, empty when the class starts;
 *   <li>{@code @}{@link MongoDatabaseName} {@code String}: that database's name;
 *   <li>{@link EmbeddedMongo}: the server itself ({@link EmbeddedMongo#newDatabaseName()} gives a
 *       fresh database to a test that needs one of its own).
 * </ul>
 *
 * <p>One server per JVM, chosen by {@link MongoSettings#fromEnvironment()} when first needed and
 * reused by every test class; it lives in the root {@link ExtensionContext.Store} and is closed
 * (it is {@link AutoCloseable}) when the test run ends. Each test class, {@code @Nested} ones
 * included, gets its own database; the tests of one class share it. A server that cannot start
 * fails every test that asks for it with the {@link EmbeddedMongoException} that says why.
 *
 * <pre>{@code
 * @EmbeddedMongoTest
 * class MyRepositoryTest {
 *   @Test
 *   void saves(MongoDatabase db) { ... }
 * }
 * }</pre>
 */
public final class MongoExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(MongoExtension.class);

  /** The key of a test class's database name in the class's store. */
  private record DatabaseKey(Class<?> testClass) {}

  /** Created by JUnit. */
  public MongoExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MongoClient.class || type == MongoDatabase.class || type == EmbeddedMongo.class
        || (type == String.class && parameter.isAnnotated(MongoDatabaseName.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    EmbeddedMongo mongo = server(context);
    if (type == EmbeddedMongo.class) {
      return mongo;
    }
    if (type == MongoClient.class) {
      return mongo.client();
    }
    String database = database(context, mongo);
    return type == String.class ? database : mongo.client().getDatabase(database);
  }

  /**
   * The JVM's test server, started on first use.
   *
   * @param context any extension context of the run
   * @return the server
   * @throws EmbeddedMongoException if the server cannot be started or reached
   */
  public static EmbeddedMongo server(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(EmbeddedMongo.class, key -> EmbeddedMongo.start(), EmbeddedMongo.class);
  }

  private static String database(ExtensionContext context, EmbeddedMongo mongo) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    DatabaseKey key = new DatabaseKey(classContext.getRequiredTestClass());
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> mongo.newDatabaseName(), String.class);
  }
}

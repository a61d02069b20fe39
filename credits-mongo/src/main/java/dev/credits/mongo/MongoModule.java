package dev.credits.mongo;

import com.mongodb.client.MongoClient;
import dagger.Module;
import dagger.Provides;
import dev.credits.core.spi.CreditsStore;
import java.util.Objects;

/**
 * Dagger wiring for the MongoDB store: binds {@link CreditsStore} to {@link MongoCredits#create}
 * on the given client and database. The store is created once per module instance, on first use,
 * so it behaves as a singleton in any component, scoped or not.
 *
 * <pre>{@code
 * @Component(modules = MongoModule.class)
 * interface App {
 *   CreditsStore store();
 * }
 * App app = DaggerApp.builder().mongoModule(new MongoModule(client, "credits")).build();
 * }</pre>
 *
 * <p>Dagger is an optional, compile-only dependency of this module; without Dagger use
 * {@link MongoCredits#create} directly.
 */
@Module
public final class MongoModule {
  private final MongoClient client;
  private final String database;
  private CreditsStore store;

  /**
   * Configures the module.
   *
   * @param client the client; the application owns it and closes it
   * @param database the database name
   */
  public MongoModule(MongoClient client, String database) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.database = Objects.requireNonNull(database, "database == null");
  }

  /**
   * The store, created (with its indexes) on the first call and returned again afterwards.
   *
   * @return the store
   * @throws dev.credits.core.StoreUnavailableException when the indexes cannot be created
   */
  @Provides
  synchronized CreditsStore creditsStore() {
    if (store == null) {
      store = MongoCredits.create(client, database);
    }
    return store;
  }
}

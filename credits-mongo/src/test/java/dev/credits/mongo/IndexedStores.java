package dev.credits.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.credits.core.spi.CreditsStore;

/**
 * Stores for the long-running harnesses, on a fresh database of {@link InProcessMongo} with extra
 * unique indexes that only the in-process server needs.
 *
 * <p>mongo-java-server answers a query from an index only when the query names exactly the
 * index's fields; every other query scans the whole collection. MongoDB serves the store's
 * {@code {_id, userId}} and {@code {_id, userId, version}} filters from the {@code _id} index, but
 * the in-process server scans, and with tens of thousands of orders the stress harness spends
 * nearly all its time in those scans. These indexes (unique because {@code _id} is) let it look the
 * documents up instead. They change no result: they only make the test server as fast as MongoDB
 * is for these queries. The store itself never creates them.
 */
final class IndexedStores {
  private IndexedStores() {}

  /** A store on a fresh database, with the in-process server's lookup indexes. */
  static CreditsStore fresh() {
    String name = InProcessMongo.freshDatabase();
    CreditsStore store = MongoCredits.create(InProcessMongo.client(), name);
    MongoDatabase db = InProcessMongo.client().getDatabase(name);
    db.getCollection("wallets").createIndex(Indexes.ascending("_id", "userId"), unique("test_id_user"));
    db.getCollection("wallets").createIndex(Indexes.ascending("_id", "userId", "version"),
        unique("test_id_user_version"));
    db.getCollection("wallet_keys").createIndex(Indexes.ascending("_id", "userId"), unique("test_id_user"));
    db.getCollection("orders").createIndex(Indexes.ascending("_id", "userId", "version"),
        unique("test_id_user_version"));
    return store;
  }

  private static IndexOptions unique(String name) {
    return new IndexOptions().unique(true).name(name);
  }
}

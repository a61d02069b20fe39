package dev.credits.mongo;

import com.mongodb.client.MongoClient;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.spi.CreditsStore;
import java.util.Objects;

/**
 * Creates the MongoDB store of Credits.
 *
 * <pre>{@code
 * MongoClient client = MongoClients.create("mongodb://db-1,db-2,db-3/?replicaSet=rs0");
 * Credits credits = Credits.builder()
 *     .store(MongoCredits.create(client, "credits"))
 *     .gateway(gateway)
 *     .build();
 * }</pre>
 *
 * <p>The store uses collections {@code offers}, {@code orders}, {@code wallets}, {@code ledger},
 * {@code processed_events}, {@code locks} and {@code tickets} in the given database, writes with majority write
 * concern and reads from the primary. It uses no multi-document transaction: every operation is a
 * single-document atomic write, so it works on a standalone server, a replica set and a sharded
 * cluster (shard on {@code userId}).
 */
public final class MongoCredits {
  private MongoCredits() {}

  /**
   * Creates the store and its indexes (idempotent; existing indexes are kept). The store is
   * thread-safe, holds no state beyond the client, and may be shared by any number of
   * {@link dev.credits.core.Credits} instances and processes.
   *
   * @param client the client; the caller owns it and closes it
   * @param database the database name
   * @return the store
   * @throws InvalidRequestException when the database name is blank
   * @throws dev.credits.core.StoreUnavailableException when the indexes cannot be created
   */
  public static CreditsStore create(MongoClient client, String database) {
    Objects.requireNonNull(client, "client == null");
    if (database == null || database.isBlank()) {
      throw new InvalidRequestException("database must not be blank");
    }
    Schema schema = new Schema(client.getDatabase(database));
    schema.createIndexes();
    return new MongoCreditsStore(schema, MongoTicketStore.create(client.getDatabase(database)));
  }
}

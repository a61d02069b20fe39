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
 *
 * <p>The store remembers the wallet documents it wrote last (up to {@value #DEFAULT_CACHED_WALLETS}
 * by default), so that spending from a wallet this process wrote last is a single round trip: the
 * change is written with a compare-and-set on the remembered version, and a wallet changed meanwhile
 * by anyone else is simply read again. Where the calls of one user are spread over many processes
 * with no affinity, pass {@code cachedWallets = 0}: every wallet command then reads first.
 */
public final class MongoCredits {
  /** How many wallet documents a store remembers unless told otherwise. */
  public static final int DEFAULT_CACHED_WALLETS = 1024;

  private MongoCredits() {}

  /**
   * Creates the store and its indexes (idempotent; existing indexes are kept), remembering the
   * last {@value #DEFAULT_CACHED_WALLETS} wallet documents it wrote. The store is thread-safe and
   * may be shared by any number of {@link dev.credits.core.Credits} instances and processes.
   *
   * @param client the client; the caller owns it and closes it
   * @param database the database name
   * @return the store
   * @throws InvalidRequestException when the database name is blank
   * @throws dev.credits.core.StoreUnavailableException when the indexes cannot be created
   */
  public static CreditsStore create(MongoClient client, String database) {
    return create(client, database, DEFAULT_CACHED_WALLETS);
  }

  /**
   * Creates the store and its indexes, remembering at most {@code cachedWallets} wallet documents
   * it wrote (least recently used dropped first). The cache never changes an outcome, only the
   * number of round trips: 1 for a command on a wallet this store wrote last, 2 (a read and a write)
   * otherwise, 3 when the wallet was changed elsewhere since this store wrote it.
   *
   * @param client the client; the caller owns it and closes it
   * @param database the database name
   * @param cachedWallets how many wallet documents to remember; 0 turns the cache off
   * @return the store
   * @throws InvalidRequestException when the database name is blank or cachedWallets is negative
   * @throws dev.credits.core.StoreUnavailableException when the indexes cannot be created
   */
  public static CreditsStore create(MongoClient client, String database, int cachedWallets) {
    Objects.requireNonNull(client, "client == null");
    if (database == null || database.isBlank()) {
      throw new InvalidRequestException("database must not be blank");
    }
    if (cachedWallets < 0) {
      throw new InvalidRequestException("cachedWallets must not be negative, was " + cachedWallets);
    }
    Schema schema = new Schema(client.getDatabase(database));
    schema.createIndexes();
    return new MongoCreditsStore(schema, cachedWallets, MongoTicketStore.create(client.getDatabase(database)));
  }
}

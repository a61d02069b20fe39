package dev.credits.mongo;

import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

/**
 * The collections Credits uses and their indexes. Every write is acknowledged by a majority and
 * every read goes to the primary, so a compare-and-set always starts from the latest version.
 */
final class Schema {
  final MongoCollection<Document> offers;
  final MongoCollection<Document> orders;
  final MongoCollection<Document> wallets;
  final MongoCollection<Document> walletKeys;
  final MongoCollection<Document> ledger;
  final MongoCollection<Document> events;
  final MongoCollection<Document> locks;

  Schema(MongoDatabase database) {
    MongoDatabase db = database.withWriteConcern(WriteConcern.MAJORITY).withReadPreference(ReadPreference.primary());
    this.offers = db.getCollection("offers");
    this.orders = db.getCollection("orders");
    this.wallets = db.getCollection("wallets");
    this.walletKeys = db.getCollection("wallet_keys");
    this.ledger = db.getCollection("ledger");
    this.events = db.getCollection("processed_events");
    this.locks = db.getCollection("locks");
  }

  /** Creates the indexes; idempotent (an existing index with the same keys and options is kept). */
  void createIndexes() {
    Errors.run("creating indexes", () -> {
      orders.createIndex(Indexes.compoundIndex(Indexes.ascending(OrderCodec.USER), Indexes.descending(OrderCodec.CREATED)),
          new IndexOptions().name("user_created"));
      orders.createIndex(Indexes.ascending(OrderCodec.REFERENCE), new IndexOptions().name("payment_reference"));
      orders.createIndex(Indexes.ascending(OrderCodec.STATUS, OrderCodec.GRANTED, OrderCodec.DEADLINE),
          new IndexOptions().name("status_granted_deadline"));
      wallets.createIndex(Indexes.ascending(WalletCodec.USER, WalletCodec.GROUP), new IndexOptions().name("user_group"));
      wallets.createIndex(Indexes.ascending(WalletCodec.DUE), new IndexOptions().name("next_due"));
      walletKeys.createIndex(Indexes.ascending(StoredWallet.Recorded.MOVED_AT), new IndexOptions().name("moved_at_ttl")
          .expireAfter(MovedOutKeys.RETENTION.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
      ledger.createIndex(Indexes.ascending(LedgerCodec.USER, LedgerCodec.GROUP, LedgerCodec.SEQ),
          new IndexOptions().name("wallet_seq"));
    });
  }
}

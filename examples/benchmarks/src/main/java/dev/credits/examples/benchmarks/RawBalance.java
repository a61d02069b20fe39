package dev.credits.examples.benchmarks;

import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * The raw-driver baseline for a spend: one balance per document, decremented by a single {@code findOneAndUpdate}
 * whose filter holds the condition ({@code {_id: user, balance: {$gte: n}}}, {@code $inc: {balance: -n}}). One round
 * trip, no ledger, no idempotency, no groups or grants: the least a conditional decrement can cost on the server.
 * Same write concern (majority) and read preference (primary) as credits-mongo.
 */
final class RawBalance {
  static final String FIELD = "balance";
  private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
      .returnDocument(ReturnDocument.AFTER).projection(Projections.include(FIELD));

  private final MongoCollection<Document> balances;

  RawBalance(MongoClient client, String database) {
    this.balances = client.getDatabase(database).getCollection("raw_balances")
        .withWriteConcern(WriteConcern.MAJORITY).withReadPreference(ReadPreference.primary());
  }

  /** Creates the user's balance document. */
  void open(String user, long balance) {
    balances.insertOne(new Document("_id", user).append(FIELD, balance));
  }

  /**
   * Spends {@code n} if the balance covers it, atomically on the server.
   *
   * @return the balance after, or null when the balance was short (nothing changed)
   */
  Long spend(String user, long n) {
    Document after = balances.findOneAndUpdate(Filters.and(Filters.eq("_id", user), Filters.gte(FIELD, n)),
        Updates.inc(FIELD, -n), AFTER);
    return after == null ? null : after.getLong(FIELD);
  }

  /** @return the stored balance, or null when the user has no document */
  Long balance(String user) {
    Document doc = balances.find(Filters.eq("_id", user)).projection(Projections.include(FIELD)).first();
    return doc == null ? null : doc.getLong(FIELD);
  }
}

package dev.credits.examples.benchmarks;

import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.credits.core.Credits;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonInt32;
import org.bson.Document;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The command credits-mongo sends for a spend, sent by the raw driver: what the server costs for the library's one
 * round trip, without the library's own code. Beside {@link MongoBaselineBenchmark} (a bare decrement of a two-field
 * document) and {@link MongoConsumeBenchmark} (the library), it splits the gap between them into the server's work
 * on the wallet document and the library's work in the process; {@link #rawDecrementOfWallet} (the baseline's bare
 * decrement, applied to the same wallet document) further splits the server's work into what the document's size
 * costs and what the command's conditions and queue entry add.
 *
 * <p>Setup: the library grants 2^50 tokens and spends {@value #QUEUED} times, so that its wallet document queues
 * that many spends (half its queue, the average between two folds); a listener on a second client records the
 * {@code findAndModify} of the next spend: its filter, update and projection. Each measured call sends them with
 * {@code findOneAndUpdate} on the same document, the update's {@code $push} capped with {@code $slice} so that the
 * queue keeps its length: the same filter, the same {@code $inc}s, a push of the same entry, the same reply.
 * (The capped queue no longer folds into the ledger; the database is thrown away.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MongoWalletCommandBenchmark {
  /** Spends queued in the wallet document while the command is measured. */
  static final int QUEUED = 16;

  int primeOps = Priming.OPERATIONS;
  private MongoTarget target;
  private String database;
  private MongoCollection<Document> wallets;
  private BsonDocument filter;
  private BsonDocument update;
  private FindOneAndUpdateOptions options;
  private Document bareFilter;

  private static final Document BARE_DECREMENT = new Document("$inc", new Document("quick.available", -1L));
  private static final FindOneAndUpdateOptions BARE = new FindOneAndUpdateOptions()
      .projection(new Document("quick.available", 1)).returnDocument(ReturnDocument.AFTER);

  /** Creates the state. */
  public MongoWalletCommandBenchmark() {}

  /**
   * Starts the server, lets the library write the wallet, records its spend command, and primes the measured call.
   *
   * @param params JMH's parameters, naming the measured method
   */
  @Setup(Level.Trial)
  public void start(BenchmarkParams params) {
    start(Priming.method(params));
  }

  /** Starts, priming {@code method} ({@code rawLibraryCommand} or {@code rawDecrementOfWallet}). */
  void start(String method) {
    target = MongoTarget.start();
    database = target.freshDatabase();
    BsonDocument command = recordSpendCommand(); // on a client of its own: its commands are not counted
    filter = command.getDocument("query");
    BsonDocument push = command.getDocument("update").getDocument("$push");
    String field = push.getFirstKey();
    push.put(field, new BsonDocument("$each", new BsonArray(List.of(push.get(field))))
        .append("$slice", new BsonInt32(-QUEUED)));
    update = command.getDocument("update");
    options = new FindOneAndUpdateOptions().projection(command.getDocument("fields"))
        .returnDocument(ReturnDocument.AFTER);
    wallets = target.client().getDatabase(database).getCollection("wallets")
        .withWriteConcern(WriteConcern.MAJORITY).withReadPreference(ReadPreference.primary());
    bareFilter = new Document("_id", filter.get("_id")).append("quick.available", new Document("$gte", 1L));
    Priming.run(primeOps, method.equals("rawDecrementOfWallet") ? this::bare : this::spend);
  }

  private BsonDocument recordSpendCommand() {
    BsonDocument[] last = new BsonDocument[1];
    CommandListener recorder = new CommandListener() {
      @Override
      public void commandStarted(CommandStartedEvent event) {
        if ("findAndModify".equals(event.getCommandName())) {
          last[0] = mutableCopy(event.getCommand()); // the event's document is only valid during the call
        }
      }
    };
    try (MongoClient recording = target.client(recorder)) {
      Credits credits = target.credits(recording, database);
      credits.grantTokens(MongoConsumeBenchmark.USER, MongoConsumeBenchmark.GROUP, MongoConsumeBenchmark.GRANT, null,
          "bench-grant");
      for (int i = 0; i < QUEUED; i++) {
        credits.tokensConsumed(MongoConsumeBenchmark.USER, MongoConsumeBenchmark.GROUP, 1);
      }
      last[0] = null;
      credits.tokensConsumed(MongoConsumeBenchmark.USER, MongoConsumeBenchmark.GROUP, 1);
    }
    if (last[0] == null) {
      throw new IllegalStateException("the library's spend sent no findAndModify: it no longer spends in one update");
    }
    return last[0];
  }

  private static BsonDocument mutableCopy(BsonDocument command) {
    return new BsonDocumentCodec().decode(new BsonDocumentReader(command), DecoderContext.builder().build());
  }

  /** Drops the database and stops the server (or disconnects). */
  @TearDown(Level.Trial)
  public void stop() {
    target.drop(database);
    target.close();
  }

  /**
   * Sends the library's spend command with the raw driver.
   *
   * @param trips the command counter
   * @return the document the server returned (null if the filter matched nothing), consumed by JMH
   */
  @Benchmark
  public Document rawLibraryCommand(RoundTrips trips) {
    trips.calls++;
    return spend();
  }

  /**
   * Decrements the wallet document's spendable count as the raw baseline decrements its balance: one condition, one
   * {@code $inc}, the count returned; the size of the document is the only difference from the baseline.
   *
   * @param trips the command counter
   * @return the document the server returned, consumed by JMH
   */
  @Benchmark
  public Document rawDecrementOfWallet(RoundTrips trips) {
    trips.calls++;
    return bare();
  }

  private Document bare() {
    return wallets.findOneAndUpdate(bareFilter, BARE_DECREMENT, BARE);
  }

  private Document spend() {
    return wallets.findOneAndUpdate(filter, update, options);
  }

  /** @return the wallets collection (for tests) */
  MongoCollection<Document> wallets() {
    return wallets;
  }
}

package dev.credits.mongo;

import dev.credits.core.model.Burn;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletChange;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletEngine;
import dev.credits.core.spi.WalletKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Spending tokens in one round trip: a {@code findOneAndUpdate} whose filter proves that the
 * engine would spend them, and whose update queues the spend in the wallet document.
 *
 * <p>Every full write of a wallet stores, next to the state, a {@code quick} summary of it: the
 * tokens of its active grants ({@code available}), its balance, and its active grants in burn order
 * with what remains of each. A spend of {@code n} tokens at {@code now} applies to the document in
 * one atomic update when
 * <ul>
 *   <li>{@code quick.available >= n}: the engine spends them with no shortfall, whatever the debt
 *       and the overdraft limit;
 *   <li>nothing is due by {@code now} ({@code nextDueAt} absent or later): no grant has started,
 *       ended or been released since the state was written, so the set of active grants and their
 *       burn order are still those of the summary;
 *   <li>fewer than {@value #MAX_QUEUED} spends are queued; and, with an idempotency key, the key is
 *       in none of the document's records, queued spends, or moved-out filter.
 * </ul>
 * The update decrements {@code quick.available} and {@code quick.balance}, adds {@code n} to
 * {@code quick.spent}, increments the ledger sequence and the version, and appends the spend
 * (count, overdraft limit, key, time) to {@code spends}. Burn order is fixed while nothing is due,
 * so the spends of a queue burn, one after the other, the consecutive ranges of the summary's grant
 * list: the spend's burns are the tokens {@code [spent - n, spent)} of that list, read from the
 * document the update returns, with the balance and the sequence number.
 *
 * <p>A reader of the document replays the queued spends, in order and at their own instants,
 * through core's {@link WalletEngine} ({@link #fold}): the same engine, on the same state, gives the
 * same burns, ledger entries (with the same sequence numbers and balances) and idempotency records,
 * which the next full write stores and which empties the queue. A quick spend therefore obeys every
 * wallet rule with no second implementation of them; when its filter does not match, the store
 * takes the general path (read, apply, compare-and-set), which decides the outcome.
 */
final class QuickSpends {
  /** The most spends a wallet document queues before a full write must fold them. */
  static final int MAX_QUEUED = 32;
  static final String QUICK = "quick";
  static final String SPENDS = "spends";
  static final String AVAILABLE = "available";
  static final String BALANCE = "balance";
  static final String SPENT = "spent";
  static final String ORDER = "burnOrder";

  private QuickSpends() {}

  /**
   * A spend queued in a wallet document.
   *
   * @param count tokens
   * @param overdraftLimit the command's overdraft limit (part of what a key's replay must match)
   * @param key idempotency key or null
   * @param at when it was spent, at millisecond precision (as stored)
   */
  record Spend(long count, long overdraftLimit, String key, Instant at) {
    static Spend of(WalletCommand.Consume c, Instant now) {
      return new Spend(c.count(), c.overdraftLimit(), c.idempotencyKey(), Instant.ofEpochMilli(now.toEpochMilli()));
    }

    static Spend of(Document d) {
      return new Spend(Bsons.longValue(d, "n"), Bsons.longValue(d, "limit"), d.getString("k"),
          Bsons.instant(d, "at"));
    }

    Document toDocument() {
      return new Document("n", count).append("limit", overdraftLimit).append("k", key).append("at", Bsons.date(at));
    }

    WalletCommand.Consume command(WalletKey wallet) {
      return new WalletCommand.Consume(wallet, count, overdraftLimit, key);
    }
  }

  /** The summary a full write stores in {@code quick}: nothing spent since. */
  static Document summary(Wallet w) {
    List<Grant> order = new ArrayList<>();
    long available = 0;
    for (Grant g : w.grants()) {
      if (g.state() == GrantState.ACTIVE && g.remaining() > 0) {
        order.add(g);
        available += g.remaining();
      }
    }
    order.sort(WalletEngine.BURN_ORDER);
    List<Document> burnOrder = new ArrayList<>(order.size());
    for (Grant g : order) {
      burnOrder.add(new Document("id", g.id()).append("remaining", g.remaining()));
    }
    return new Document(AVAILABLE, available).append(BALANCE, available - w.debt()).append(SPENT, 0L)
        .append(ORDER, burnOrder);
  }

  /**
   * Whether a state this store knows (its cache) lets the quick update match: a spend the cached
   * state refuses need not try it. The cached state is the document's, spends folded.
   */
  static boolean worthTrying(StoredWallet cached, WalletCommand.Consume c, Instant now) {
    if (cached == null) {
      return true;
    }
    if (cached.queued() >= MAX_QUEUED) {
      return false;
    }
    Wallet w = cached.wallet();
    Instant due = w.nextDueAt();
    if (due != null && !due.isAfter(now)) {
      return false;
    }
    long available = w.storedBalance() + w.debt();
    return available >= c.count() && (c.idempotencyKey() == null
        || (cached.recorded(c.idempotencyKey()) == null && !cached.movedOut().mightContain(c.idempotencyKey())));
  }

  /** The filter of a quick spend: the wallet, and every condition under which the engine would spend as queued. */
  static Document filter(WalletCommand.Consume c, Instant now) {
    Document f = MongoWalletStore.byId(c.key())
        .append(Bsons.V, Bsons.SCHEMA)
        .append(QUICK + "." + AVAILABLE, new Document("$gte", c.count()))
        .append(WalletCodec.DUE, new Document("$not", new Document("$lte", Bsons.date(now))))
        .append(SPENDS + "." + (MAX_QUEUED - 1), new Document("$exists", false));
    String key = c.idempotencyKey();
    if (key != null) {
      f.append(WalletCodec.RECENT + ".key", new Document("$ne", key))
          .append(SPENDS + ".k", new Document("$ne", key))
          .append("$expr", MovedOutKeys.clearOf(WalletCodec.MOVED_OUT, key).get("$expr"));
    }
    return f;
  }

  /** The update of a quick spend. */
  static Document update(Spend spend) {
    long n = spend.count();
    return new Document("$inc", new Document(QUICK + "." + AVAILABLE, -n).append(QUICK + "." + BALANCE, -n)
        .append(QUICK + "." + SPENT, n).append(WalletCodec.SEQ, 1L).append(WalletCodec.VERSION, 1L))
        .append("$push", new Document(SPENDS, spend.toDocument()));
  }

  /** The fields of the updated document that {@link #result} reads. */
  static Document projection() {
    return new Document(QUICK, 1).append(WalletCodec.SEQ, 1).append(WalletCodec.VERSION, 1);
  }

  /** The outcome of a quick spend, from the document its update returned. */
  static Consumption.Spent result(Document after, long count) {
    Document quick = after.get(QUICK, Document.class);
    long spentTo = Bsons.longValue(quick, SPENT);
    long from = spentTo - count;
    List<Burn> burns = new ArrayList<>();
    long start = 0;
    for (Document g : quick.getList(ORDER, Document.class)) {
      long end = start + Bsons.longValue(g, "remaining");
      long take = Math.min(end, spentTo) - Math.max(start, from);
      if (take > 0) {
        burns.add(new Burn(g.getString("id"), take));
      }
      start = end;
    }
    return new Consumption.Spent(count, Bsons.longValue(quick, BALANCE), burns, 0,
        Bsons.longValue(after, WalletCodec.SEQ));
  }

  /**
   * Replays queued spends on a stored state through the engine, as if each had been a full write:
   * the state after them, their ledger entries added to the pending ones, their keys recorded.
   *
   * @param base the state before the spends (its ledger sequence is the one before them)
   * @param spends the queue, in order
   * @param version the version of the document that holds the queue
   * @throws IllegalStateException when a queued spend does not replay as spent (a corrupt document)
   */
  static StoredWallet fold(StoredWallet base, List<Spend> spends, long version) {
    Wallet w = base.wallet();
    String id = WalletCodec.id(w.key());
    List<StoredWallet.Recorded> recent = new ArrayList<>(base.recent());
    List<Document> pending = new ArrayList<>(base.pending());
    for (Spend s : spends) {
      WalletCommand.Consume c = s.command(w.key());
      WalletChange<Consumption> change = c.apply(w, s.at());
      if (!(change.result() instanceof Consumption.Spent)) {
        throw new IllegalStateException("a queued spend of " + s.count() + " in wallet " + id
            + " does not replay as spent: " + change.result());
      }
      w = change.wallet();
      change.entries().forEach(e -> pending.add(LedgerCodec.encode(id, e)));
      if (s.key() != null) {
        recent.add(new StoredWallet.Recorded(s.key(), Fingerprints.of(c), Results.encode(id, change.result())));
      }
    }
    Wallet folded = new Wallet(w.key(), w.grants(), w.holds(), w.debt(), w.ledgerSeq(), version);
    return new StoredWallet(folded, recent, pending, base.movedOut(), base.queued() + spends.size());
  }
}

package dev.credits.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import dev.credits.core.ConflictException;
import dev.credits.core.CreditsException;
import dev.credits.core.model.Grant;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.Executed;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletChange;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import dev.credits.core.spi.WalletStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Wallets, one document per (user, group), changed by one conditional update or by compare-and-set
 * on their version.
 *
 * <p>A spend or a grant that the document's summary decides is applied by one
 * {@code findOneAndUpdate} whose filter proves the engine's outcome and which queues the command in
 * the document; readers fold the queue through the engine ({@link QuickWrites}). Every other
 * command, and a spend or grant whose filter does not match, takes the general path:
 * {@link #execute} reads the wallet document (one round trip; with an idempotency key that the
 * document neither records nor proves new, a second one fetches the key's moved-out record from
 * {@code wallet_keys}), answers a replayed key from the record, applies the pure {@link WalletCommand}, and writes the new state, the new
 * idempotency record and the command's ledger entries in one single-document replace filtered on
 * the version it read (the second round trip). A lost race re-reads and re-applies. Within this
 * store, general-path writes of one wallet take turns (a striped in-process lock, {@link #general}):
 * threads that would only race each other on the version wait instead, then try the quick update
 * again, since the write they waited for may have folded the queue that refused them. Writers in
 * other processes still race on the version, which alone decides.
 *
 * <p>When this store wrote the wallet last (its {@link WalletCache} holds the state it wrote), the
 * read is skipped: the command is applied to that state and the write is filtered on its version,
 * one round trip in all. A key needs no read either when the state records it or its
 * {@link MovedOutKeys} filter proves it was never moved out. If someone else wrote the wallet since,
 * the write matches nothing and the command starts again from a read. An outcome that writes nothing
 * (an insufficient balance, say) is never answered from the cache: it is confirmed by a read.
 *
 * <p>The ledger entries ride in the document's {@code pending} array, so they are committed
 * atomically with the balance: no crash can lose or double an entry. Once {@value #FLUSH_AT} are
 * pending, the next writer first copies them to the {@code ledger} collection (idempotent insert)
 * and drops them in its write. Likewise, when more than {@value StoredWallet#MAX_RECENT} idempotency
 * records are in the document, the writer first copies the oldest {@value StoredWallet#EVICT_BATCH}
 * to documents of their own in {@code wallet_keys}, then drops them. Both copies happen before the
 * write that drops what they copied, so a reader always finds an entry or a record in one place or
 * the other; each costs one more round trip, once per batch.
 */
final class MongoWalletStore implements WalletStore {
  /** Pending ledger entries that make the next writer copy them to the ledger collection. */
  static final int FLUSH_AT = 32;
  private static final int MAX_ATTEMPTS = 200;
  private static final int WRITER_STRIPES = 1024;
  private static final Bson STATE_ONLY = Projections.exclude(WalletCodec.RECENT, WalletCodec.PENDING,
      WalletCodec.MOVED_OUT);

  private static final FindOneAndUpdateOptions QUICK = new FindOneAndUpdateOptions()
      .projection(QuickWrites.projection()).returnDocument(ReturnDocument.AFTER);
  private static final FindOneAndUpdateOptions QUICK_UPSERT = new FindOneAndUpdateOptions()
      .projection(QuickWrites.projection()).returnDocument(ReturnDocument.AFTER).upsert(true);

  private final Schema schema;
  private final MongoLedger ledger;
  private final WalletCache cache;
  /** The general path's writer locks, by wallet id (striped): see {@link #general}. */
  private final ReentrantLock[] writers = new ReentrantLock[WRITER_STRIPES];

  MongoWalletStore(Schema schema, int cachedWallets) {
    this.schema = schema;
    this.ledger = new MongoLedger(schema);
    this.cache = new WalletCache(cachedWallets);
    for (int i = 0; i < writers.length; i++) {
      writers[i] = new ReentrantLock();
    }
  }

  @Override
  public <R> R execute(WalletCommand<R> command, Instant now) {
    return run(command, now).result();
  }

  /** A replay is answered only by the general path: a quick update's filter requires the key unrecorded. */
  @Override
  public <R> Executed<R> run(WalletCommand<R> command, Instant now) {
    Objects.requireNonNull(command, "command == null");
    Objects.requireNonNull(now, "now == null");
    String id = WalletCodec.id(command.key());
    R quick = quick(command, id, cache.get(id), now);
    if (quick != null) {
      return Executed.applied(quick);
    }
    ReentrantLock writer = writers[Math.floorMod(id.hashCode(), writers.length)];
    boolean waited = !writer.tryLock();
    if (waited) {
      writer.lock();
    }
    try {
      return general(command, id, now, waited);
    } finally {
      writer.unlock();
    }
  }

  /**
   * The general path: read (or take the cached state), apply, compare-and-set, until a write
   * matches. Called with the wallet's writer lock held, so that this process's general-path writes
   * of one wallet take turns instead of racing (they would conflict on the version anyway).
   *
   * @param retryQuick whether to try the quick update first: another thread held the lock, and its
   *     write may have folded the queue that made the first try fail
   */
  private <R> Executed<R> general(WalletCommand<R> command, String id, Instant now, boolean retryQuick) {
    WalletKey key = command.key();
    String idem = command.idempotencyKey();
    Document fingerprint = idem == null ? null : Fingerprints.of(command);
    Copied copied = new Copied();
    StoredWallet cached = cache.get(id);
    boolean lostRace = retryQuick;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (lostRace) { // a fold may have emptied the queue
        lostRace = false;
        R quick = quick(command, id, attempt == 0 ? cached : null, now);
        if (quick != null) {
          return Executed.applied(quick);
        }
        cached = attempt == 0 ? cache.get(id) : null;
      }
      boolean fromCache = cached != null && cached.knowsKey(idem);
      Read read = fromCache ? new Read(true, cached, cached.recorded(idem)) : read(key, id, idem);
      cached = null; // only the first attempt may start from the cache
      StoredWallet stored = read.stored();
      if (read.seen() != null) {
        // a record never changes: a cached one is final
        return Executed.replay(replay(key, idem, fingerprint, read.seen()));
      }
      WalletChange<R> change;
      try {
        change = command.apply(stored.wallet(), now);
      } catch (CreditsException e) {
        if (fromCache) {
          continue; // a refusal (no such hold, say) must come from the stored state: read it
        }
        throw e;
      }
      boolean record = idem != null && change.effective();
      if (!change.changed() && !record) {
        if (fromCache) {
          continue; // an outcome without a write must come from the stored state: read it
        }
        return Executed.applied(change.result());
      }
      StoredWallet after = next(stored, change, id, key, record ? new StoredWallet.Recorded(idem, fingerprint,
          Results.encode(id, change.result())) : null, copied, now);
      Document doc = WalletCodec.encode(after);
      if (write(read.exists(), stored.wallet().version(), id, doc)) {
        // cache the state as the document holds it (instants at millisecond precision), not as computed
        cache.put(id, WalletCodec.decode(doc));
        return Executed.applied(change.result());
      }
      lostRace = true;
      if (fromCache) {
        cache.stale(id, stored.wallet().version());
      } else {
        backOff(attempt);
      }
    }
    throw new ConflictException("wallet " + key.offerGroup() + " of " + key.userId()
        + " keeps changing under concurrent writes; try again");
  }

  /**
   * Applies a spend or a grant in one update when the document proves what the engine would do
   * (see {@link QuickWrites}); null when the command is of another kind, when the cached state
   * shows the update cannot match, or when it matched nothing: the general path then decides.
   * A grant is tried only when the cache has no state for the wallet (with one, the general path
   * is one compare-and-set already).
   */
  @SuppressWarnings("unchecked") // a Consume's result is a Consumption, an AddGrant's a Grant
  private <R> R quick(WalletCommand<R> command, String id, StoredWallet cached, Instant now) {
    if (command instanceof WalletCommand.Consume) {
      WalletCommand.Consume c = (WalletCommand.Consume) command;
      if (!QuickWrites.worthTrying(cached, c, now)) {
        return null;
      }
      QuickWrites.Queued spend = QuickWrites.Queued.of(c, now);
      Document after = quickUpdate(id, cached, spend, QuickWrites.filter(c, now), QuickWrites.spendUpdate(spend),
          false);
      return after == null ? null : (R) QuickWrites.spent(after, c.count());
    }
    if (command instanceof WalletCommand.AddGrant && cached == null) {
      WalletCommand.AddGrant c = (WalletCommand.AddGrant) command;
      QuickWrites.Queued grant = QuickWrites.Queued.of(c, now);
      Grant g;
      try {
        g = QuickWrites.granted(grant);
      } catch (CreditsException e) {
        return null; // refused on an empty wallet: the general path decides, after a replay check
      }
      if (g == null) {
        return null; // pruned at once (no tokens, never ends): the general path records it as the engine does
      }
      // the wallet may not exist: if the update creates it, its state is the empty one plus this grant
      Document after = quickUpdate(id, StoredWallet.empty(c.key()), grant, QuickWrites.grantFilter(c, g, grant.at()),
          QuickWrites.grantUpdate(grant, g), true);
      return after == null ? null : (R) g;
    }
    return null;
  }

  /**
   * Runs a quick update; the document after it, or null when it matched nothing (with
   * {@code upsert}: when the wallet exists and the filter does not match it, which the server
   * reports as a duplicate key). Keeps the cache in step: a cached state one version behind the
   * result is advanced by the queued command, any other is dropped.
   */
  private Document quickUpdate(String id, StoredWallet cached, QuickWrites.Queued queued, Document filter,
      Document update, boolean upsert) {
    Document after;
    try {
      after = Errors.call("writing wallet " + id, () -> {
        try {
          return schema.wallets.findOneAndUpdate(filter, update, upsert ? QUICK_UPSERT : QUICK);
        } catch (MongoException e) {
          if (upsert && Errors.isDuplicateKey(e)) {
            return null;
          }
          throw e;
        }
      });
    } catch (RuntimeException e) {
      cache.forget(id); // the outcome is unknown
      throw e;
    }
    if (after == null) {
      return null;
    }
    long version = Bsons.longValue(after, WalletCodec.VERSION);
    if (cached != null && cached.wallet().version() == version - 1) {
      cache.put(id, QuickWrites.fold(cached, List.of(queued), version)); // the document is the cached one plus this
    } else if (cached != null) {
      cache.stale(id, cached.wallet().version());
    }
    return after;
  }

  /** The document after a change: its state, its idempotency record, its ledger entries (copying out what is due). */
  private StoredWallet next(StoredWallet stored, WalletChange<?> change, String id, WalletKey key,
      StoredWallet.Recorded recorded, Copied copied, Instant now) {
    Wallet next = change.changed() ? change.wallet() : bumped(stored.wallet());
    List<StoredWallet.Recorded> recent = new ArrayList<>(stored.recent());
    MovedOutKeys movedOut = stored.movedOut();
    if (recorded != null) {
      recent.add(recorded);
    }
    int excess = recent.size() - StoredWallet.MAX_RECENT; // folded quick spends may add many at once
    if (excess > 0) { // whole batches, in one insert
      int batches = (excess + StoredWallet.EVICT_BATCH - 1) / StoredWallet.EVICT_BATCH;
      List<StoredWallet.Recorded> out = recent.subList(0, batches * StoredWallet.EVICT_BATCH);
      movedOut = movedOut.with(evict(id, key, out, now), now);
      out.clear();
    }
    return new StoredWallet(next, recent, pending(stored, change.entries(), id, copied), movedOut, 0);
  }

  /** The wallet document as read (or cached), its state, and the record of the command's key if there is one. */
  private record Read(boolean exists, StoredWallet stored, StoredWallet.Recorded seen) {}

  /** Ledger entries this call already copied out (a retry after a lost race need not copy them again). */
  private static final class Copied {
    long through;
  }

  /**
   * Reads the wallet and, with a key that is neither recorded in it nor certainly never moved out,
   * the key's moved-out record: one round trip, two in the rare second case. The record, if there
   * is one, was written before the wallet write that dropped it, so reading the wallet first and
   * the record second always finds it.
   */
  private Read read(WalletKey key, String id, String idem) {
    String what = "reading wallet " + id;
    Document doc = Errors.call(what, () -> schema.wallets.find(byId(key)).projection(Snapshots.ALL).first());
    StoredWallet stored = doc == null ? StoredWallet.empty(key) : WalletCodec.decode(doc);
    StoredWallet.Recorded seen = stored.recorded(idem);
    if (seen == null && !stored.knowsKey(idem)) {
      Document record = Errors.call(what, () -> schema.walletKeys
          .find(new Document(Bsons.ID, StoredWallet.Recorded.movedOutId(id, idem))
              .append(WalletCodec.USER, key.userId().value()))
          .projection(Snapshots.ALL).first());
      seen = record == null ? null : StoredWallet.Recorded.of(Bsons.checked(record, "idempotency record"));
    }
    return new Read(doc != null, stored, seen);
  }

  /** Copies the oldest records out to their own documents (idempotent); returns their keys. */
  private List<String> evict(String id, WalletKey key, List<StoredWallet.Recorded> out, Instant now) {
    List<Document> docs = new ArrayList<>(out.size());
    List<String> keys = new ArrayList<>(out.size());
    for (StoredWallet.Recorded r : out) {
      docs.add(r.toMovedOutDocument(id, key.userId().value(), now));
      keys.add(r.key());
    }
    try {
      schema.walletKeys.insertMany(docs, new InsertManyOptions().ordered(false));
    } catch (MongoException e) {
      if (!Errors.isDuplicateKey(e)) {
        throw Errors.translate("moving idempotency records of wallet " + id, e);
      }
    }
    return keys;
  }

  /** The pending ledger entries after this change: copied out first once {@link #FLUSH_AT} are waiting. */
  private List<Document> pending(StoredWallet stored, List<LedgerEntry> entries, String id, Copied copied) {
    List<Document> pending = new ArrayList<>(stored.pending());
    long through = copied.through;
    pending.removeIf(d -> Bsons.longValue(d, LedgerCodec.SEQ) <= through);
    if (pending.size() >= FLUSH_AT) {
      ledger.copy(pending);
      copied.through = Bsons.longValue(pending.get(pending.size() - 1), LedgerCodec.SEQ);
      pending.clear();
    }
    for (LedgerEntry e : entries) {
      pending.add(LedgerCodec.encode(id, e));
    }
    return pending;
  }

  @SuppressWarnings("unchecked")
  private static <R> R replay(WalletKey key, String idem, Document fingerprint, StoredWallet.Recorded seen) {
    if (!seen.command().equals(fingerprint)) {
      throw new ConflictException("idempotency key '" + idem + "' was already used for a different request on "
          + key.offerGroup());
    }
    return (R) Results.decode(key, seen.result());
  }

  /**
   * Replaces the wallet at {@code version}, or inserts it when it did not exist; false when another
   * writer won. When the outcome is unknown (a driver failure), the cached state is dropped.
   */
  private boolean write(boolean exists, long version, String id, Document after) {
    try {
      return write(exists, version, after);
    } catch (RuntimeException e) {
      cache.forget(id);
      throw e;
    }
  }

  private boolean write(boolean exists, long version, Document doc) {
    String what = "writing wallet " + doc.get(Bsons.ID);
    if (!exists) {
      try {
        schema.wallets.insertOne(doc);
        return true;
      } catch (MongoException e) {
        if (Errors.isDuplicateKey(e)) {
          return false; // created concurrently: re-read it
        }
        throw Errors.translate(what, e);
      }
    }
    Bson filter = new Document(Bsons.ID, doc.get(Bsons.ID)).append(WalletCodec.USER, doc.get(WalletCodec.USER))
        .append(WalletCodec.VERSION, version);
    return Errors.call(what, () -> schema.wallets.replaceOne(filter, doc).getMatchedCount() == 1);
  }

  private static Wallet bumped(Wallet w) {
    return new Wallet(w.key(), w.grants(), w.holds(), w.debt(), w.ledgerSeq(), w.version() + 1);
  }

  private static void backOff(int attempt) {
    if (attempt >= 2) {
      long maxNanos = 50_000L * Math.min(attempt, 40);
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxNanos));
    }
  }

  /**
   * The filter of one wallet: its id and its user (the shard key). A plain document, not
   * {@code Filters.and}: the same query, without the {@code $and} wrapper.
   */
  static Document byId(WalletKey key) {
    return new Document(Bsons.ID, WalletCodec.id(key)).append(WalletCodec.USER, key.userId().value());
  }

  @Override
  public Optional<Wallet> find(WalletKey key) {
    Objects.requireNonNull(key, "key == null");
    Document d = Errors.call("reading wallet " + WalletCodec.id(key),
        () -> schema.wallets.find(byId(key)).projection(STATE_ONLY).first());
    return d == null ? Optional.empty() : Optional.of(WalletCodec.decode(d).wallet());
  }

  @Override
  public List<Wallet> findByUser(UserId userId) {
    Objects.requireNonNull(userId, "userId == null");
    return Errors.call("reading the wallets of " + userId, () -> {
      List<Wallet> out = new ArrayList<>();
      for (Document d : schema.wallets.find(Filters.eq(WalletCodec.USER, userId.value())).projection(STATE_ONLY)) {
        out.add(WalletCodec.decode(d).wallet());
      }
      return out;
    });
  }

  @Override
  public List<LedgerEntry> ledger(WalletKey key, long afterSeq, int limit) {
    Objects.requireNonNull(key, "key == null");
    return ledger.page(key, afterSeq, limit);
  }

  @Override
  public List<WalletKey> findDue(Instant until, int limit) {
    Objects.requireNonNull(until, "until == null");
    if (limit <= 0) {
      return List.of();
    }
    return Errors.call("finding due wallets", () -> {
      List<WalletKey> out = new ArrayList<>();
      for (Document d : schema.wallets.find(Filters.lte(WalletCodec.DUE, Bsons.date(until)))
          .projection(Projections.include(WalletCodec.USER, WalletCodec.GROUP))
          .sort(Sorts.ascending(WalletCodec.DUE, Bsons.ID)).limit(limit)) {
        out.add(new WalletKey(UserId.of(d.getString(WalletCodec.USER)), d.getString(WalletCodec.GROUP)));
      }
      return out;
    });
  }
}

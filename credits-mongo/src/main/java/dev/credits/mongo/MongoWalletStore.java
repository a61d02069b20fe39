package dev.credits.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.credits.core.ConflictException;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.UserId;
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
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Wallets, one document per (user, group), changed only by compare-and-set on their version.
 *
 * <p>{@link #execute} reads the wallet document (one round trip), answers a replayed idempotency
 * key from the records in that same document, applies the pure {@link WalletCommand}, and writes
 * the new state, the new idempotency record and the command's ledger entries in one
 * single-document replace filtered on the version it read (the second round trip). A lost race
 * re-reads and re-applies. The ledger entries ride in the document's {@code pending} array, so
 * they are committed atomically with the balance: there is no window in which a crash loses or
 * doubles an entry. Once {@link #FLUSH_AT} entries are pending, the next writer first copies them
 * to the {@code ledger} collection (a third round trip, once per {@value #FLUSH_AT} entries) and
 * drops them in its write.
 */
final class MongoWalletStore implements WalletStore {
  /** Pending ledger entries that make the next writer copy them to the ledger collection. */
  static final int FLUSH_AT = 32;
  private static final int MAX_ATTEMPTS = 200;
  private static final Bson STATE_ONLY = Projections.exclude(WalletCodec.RECENT, WalletCodec.PENDING);

  private final Schema schema;
  private final MongoLedger ledger;

  MongoWalletStore(Schema schema) {
    this.schema = schema;
    this.ledger = new MongoLedger(schema);
  }

  @Override
  public <R> R execute(WalletCommand<R> command, Instant now) {
    Objects.requireNonNull(command, "command == null");
    Objects.requireNonNull(now, "now == null");
    WalletKey key = command.key();
    String id = WalletCodec.id(key);
    String idem = command.idempotencyKey();
    Document fingerprint = idem == null ? null : Fingerprints.of(command);
    long copiedThrough = 0; // entries up to this seq were copied to the ledger by this call
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document doc = Errors.call("reading wallet " + id,
          () -> schema.wallets.find(byId(key)).projection(Snapshots.ALL).first());
      StoredWallet stored = doc == null ? new StoredWallet(Wallet.empty(key), List.of(), List.of())
          : WalletCodec.decode(doc);
      StoredWallet.Recorded seen = stored.recorded(idem);
      if (seen != null) {
        return replay(key, idem, fingerprint, seen);
      }
      WalletChange<R> change = command.apply(stored.wallet(), now);
      boolean record = idem != null && change.effective();
      if (!change.changed() && !record) {
        return change.result();
      }
      List<Document> pending = new ArrayList<>(stored.pending());
      long copied = copiedThrough;
      pending.removeIf(d -> Bsons.longValue(d, LedgerCodec.SEQ) <= copied);
      if (pending.size() >= FLUSH_AT) {
        ledger.copy(pending);
        copiedThrough = Bsons.longValue(pending.get(pending.size() - 1), LedgerCodec.SEQ);
        pending.clear();
      }
      for (LedgerEntry e : change.entries()) {
        pending.add(LedgerCodec.encode(id, e));
      }
      Wallet next = change.changed() ? change.wallet() : bumped(stored.wallet());
      StoredWallet.Recorded added = record
          ? new StoredWallet.Recorded(idem, fingerprint, Results.encode(id, change.result())) : null;
      if (write(doc == null, stored.wallet().version(), new StoredWallet(next, stored.recentWith(added), pending))) {
        return change.result();
      }
      backOff(attempt);
    }
    throw new ConflictException("wallet " + key.offerGroup() + " of " + key.userId()
        + " keeps changing under concurrent writes; try again");
  }

  @SuppressWarnings("unchecked")
  private static <R> R replay(WalletKey key, String idem, Document fingerprint, StoredWallet.Recorded seen) {
    if (!seen.command().equals(fingerprint)) {
      throw new ConflictException("idempotency key '" + idem + "' was already used for a different request on "
          + key.offerGroup());
    }
    return (R) Results.decode(key, seen.result());
  }

  /** Inserts a new wallet, or replaces the one at {@code version}; false when another writer won. */
  private boolean write(boolean insert, long version, StoredWallet after) {
    Document doc = WalletCodec.encode(after);
    String what = "writing wallet " + doc.get(Bsons.ID);
    if (insert) {
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
    Bson filter = Filters.and(byId(after.wallet().key()), Filters.eq(WalletCodec.VERSION, version));
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

  private static Bson byId(WalletKey key) {
    return Filters.and(Filters.eq(Bsons.ID, WalletCodec.id(key)), Filters.eq(WalletCodec.USER, key.userId().value()));
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

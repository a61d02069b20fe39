package dev.credits.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.spi.WalletKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The {@code ledger} collection: one document per entry, {@code _id = walletId:seq}. Entries are
 * first committed inside their wallet document (its {@code pending} array, in the same atomic
 * write as the balance change), then copied here in batches; a read merges both, so the ledger a
 * caller sees is always complete and always agrees with the balance.
 */
final class MongoLedger {
  private final Schema schema;

  MongoLedger(Schema schema) {
    this.schema = schema;
  }

  /** Inserts entry documents; idempotent: an entry that is already there is skipped. */
  void copy(List<Document> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try {
      schema.ledger.insertMany(entries, new InsertManyOptions().ordered(false));
    } catch (MongoException e) {
      if (!Errors.isDuplicateKey(e)) {
        throw Errors.translate("copying ledger entries", e);
      }
    }
  }

  /**
   * A page of a wallet's ledger, oldest first: the entries still pending in the wallet document
   * and, when the page reaches below them, the copied ones (one indexed range query).
   */
  List<LedgerEntry> page(WalletKey key, long afterSeq, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    String walletId = WalletCodec.id(key);
    Document doc = Errors.call("reading the ledger of " + walletId, () -> schema.wallets
        .find(MongoWalletStore.byId(key))
        .projection(Projections.exclude(WalletCodec.RECENT, WalletCodec.MOVED_OUT)).first());
    if (doc == null || Bsons.longValue(doc, WalletCodec.SEQ) <= afterSeq) {
      return List.of();
    }
    StoredWallet wallet = WalletCodec.decode(doc); // its pending entries include those of queued quick spends
    Map<Long, LedgerEntry> merged = new TreeMap<>();
    long firstPending = Long.MAX_VALUE;
    for (Document d : wallet.pending()) {
      LedgerEntry e = LedgerCodec.decode(d);
      firstPending = Math.min(firstPending, e.seq());
      if (e.seq() > afterSeq) {
        merged.put(e.seq(), e);
      }
    }
    if (firstPending > afterSeq + 1) {
      Errors.run("reading the ledger of " + walletId, () -> {
        for (Document d : schema.ledger.find(Filters.and(Filters.eq(LedgerCodec.USER, key.userId().value()),
                Filters.eq(LedgerCodec.GROUP, key.offerGroup()), Filters.gt(LedgerCodec.SEQ, afterSeq)))
            .projection(Snapshots.ALL).sort(Sorts.ascending(LedgerCodec.SEQ)).limit(limit)) {
          LedgerEntry e = LedgerCodec.decode(d);
          merged.putIfAbsent(e.seq(), e);
        }
      });
    }
    List<LedgerEntry> out = new ArrayList<>(Math.min(limit, merged.size()));
    for (LedgerEntry e : merged.values()) {
      if (out.size() == limit) {
        break;
      }
      out.add(e);
    }
    return out;
  }
}

package dev.credits.mongo;

import dev.credits.core.spi.Wallet;
import java.util.List;
import org.bson.Document;

/**
 * What one wallet document holds besides the {@link Wallet} state.
 *
 * @param wallet the state
 * @param recent the idempotency records of the most recent effective keyed commands, oldest first
 *     (at most {@link #MAX_RECENT} of them in a stored document; a fold of queued spends may add more,
 *     which the next write moves out)
 * @param pending ledger entry documents committed with the wallet state and not yet known to be
 *     copied to the {@code ledger} collection, by seq
 * @param movedOut the keys whose records were moved out within the retention (Bloom filters)
 * @param queued how many quick spends the document queues at this version (this state has them folded in)
 */
record StoredWallet(Wallet wallet, List<Recorded> recent, List<Document> pending,
    MovedOutKeys movedOut, int queued) {
  /** How many idempotency records a wallet document holds at most. */
  static final int MAX_RECENT = 64;
  /** How many of the oldest records move out to their own documents when the window is full. */
  static final int EVICT_BATCH = 32;

  StoredWallet {
    recent = List.copyOf(recent);
    pending = List.copyOf(pending);
    java.util.Objects.requireNonNull(movedOut, "movedOut == null");
  }

  /** A wallet never written. */
  static StoredWallet empty(dev.credits.core.spi.WalletKey key) {
    return new StoredWallet(Wallet.empty(key), List.of(), List.of(), MovedOutKeys.NONE, 0);
  }

  /**
   * An idempotency record: the key, the command's fingerprint, and the encoded result. It lives in
   * its wallet's document while recent, then in a document of its own in the {@code wallet_keys}
   * collection, with {@code _id = {w: walletId, k: key}} and the wallet's {@code userId} (the shard key).
   */
  record Recorded(String key, Document command, Document result) {
    /** When a record was moved out: a TTL index deletes it {@link MovedOutKeys#RETENTION} later. */
    static final String MOVED_AT = "movedAt";

    static Recorded of(Document d) {
      return new Recorded(d.getString("key"), d.get("command", Document.class), d.get("result", Document.class));
    }

    static Document movedOutId(String walletId, String key) {
      return new Document("w", walletId).append("k", key);
    }

    Document toDocument() {
      return new Document("key", key).append("command", command).append("result", result);
    }

    Document toMovedOutDocument(String walletId, String userId, java.time.Instant movedAt) {
      return new Document(Bsons.ID, movedOutId(walletId, key)).append(Bsons.V, Bsons.SCHEMA)
          .append(MOVED_AT, Bsons.date(movedAt))
          .append(WalletCodec.USER, userId).append("key", key).append("command", command).append("result", result);
    }
  }

  /**
   * Whether this state alone answers whether {@code key} was used: it is null, recorded here, or
   * certainly never moved out.
   */
  boolean knowsKey(String key) {
    return key == null || recorded(key) != null || !movedOut.mightContain(key);
  }

  Recorded recorded(String key) {
    if (key == null) {
      return null;
    }
    for (Recorded r : recent) {
      if (r.key().equals(key)) {
        return r;
      }
    }
    return null;
  }
}

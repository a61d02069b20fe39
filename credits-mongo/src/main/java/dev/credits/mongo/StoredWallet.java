package dev.credits.mongo;

import dev.credits.core.spi.Wallet;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * What one wallet document holds besides the {@link Wallet} state.
 *
 * @param wallet the state
 * @param recent the idempotency records of the last {@link #MAX_RECENT} effective keyed commands,
 *     oldest first
 * @param pending ledger entry documents already committed with the wallet state but not yet known
 *     to be copied to the {@code ledger} collection, by seq
 */
record StoredWallet(Wallet wallet, List<Recorded> recent, List<Document> pending) {
  /**
   * How many idempotency records a wallet keeps. A key older than that many effective keyed
   * commands on the same wallet is forgotten: a retry that late would apply again.
   */
  static final int MAX_RECENT = 64;

  StoredWallet {
    recent = List.copyOf(recent);
    pending = List.copyOf(pending);
  }

  /** An idempotency record: the key, the command's fingerprint, and the encoded result. */
  record Recorded(String key, Document command, Document result) {
    static Recorded of(Document d) {
      return new Recorded(d.getString("key"), d.get("command", Document.class), d.get("result", Document.class));
    }

    Document toDocument() {
      return new Document("key", key).append("command", command).append("result", result);
    }
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

  /** The records after adding one, keeping the newest {@link #MAX_RECENT}. */
  List<Recorded> recentWith(Recorded added) {
    List<Recorded> out = new ArrayList<>(recent);
    if (added != null) {
      out.add(added);
    }
    return out.size() <= MAX_RECENT ? out : out.subList(out.size() - MAX_RECENT, out.size());
  }
}

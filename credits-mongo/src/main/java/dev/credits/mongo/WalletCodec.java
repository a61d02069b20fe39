package dev.credits.mongo;

import static dev.credits.mongo.Bsons.ID;
import static dev.credits.mongo.Bsons.V;

import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.Hold;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldState;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletKey;
import java.util.List;
import org.bson.Document;

/**
 * Wallet documents of the {@code wallets} collection: one per (user, group), holding the whole
 * {@link Wallet} state plus the recent idempotency records and the ledger entries not yet copied
 * to the {@code ledger} collection (see {@link StoredWallet}). Older idempotency records live in
 * the same collection as documents of their own, whose {@code _id} is a document, not a string.
 */
final class WalletCodec {
  static final String USER = "userId";
  static final String GROUP = "group";
  static final String VERSION = "version";
  static final String SEQ = "ledgerSeq";
  static final String DEBT = "debt";
  static final String DUE = "nextDueAt";
  static final String GRANTS = "grants";
  static final String HOLDS = "holds";
  static final String RECENT = "recent";
  static final String PENDING = "pending";
  static final String MOVED_OUT = "movedOut";

  private WalletCodec() {}

  /**
   * The wallet's {@code _id}: the user id and the group, with {@code \} and {@code |} escaped in
   * the user id so that no two keys share an id.
   */
  static String id(WalletKey key) {
    String user = key.userId().value().replace("\\", "\\\\").replace("|", "\\|");
    return user + "|" + key.offerGroup();
  }

  static Document encode(StoredWallet s) {
    Wallet w = s.wallet();
    Document d = new Document(ID, id(w.key()))
        .append(V, Bsons.SCHEMA)
        .append(USER, w.key().userId().value())
        .append(GROUP, w.key().offerGroup())
        .append(VERSION, w.version())
        .append(SEQ, w.ledgerSeq())
        .append(DEBT, w.debt())
        .append(GRANTS, Bsons.docs(w.grants(), WalletCodec::grant))
        .append(HOLDS, Bsons.docs(w.holds(), WalletCodec::hold))
        .append(RECENT, Bsons.docs(s.recent(), StoredWallet.Recorded::toDocument))
        .append(PENDING, s.pending())
        .append(QuickWrites.QUICK, QuickWrites.summary(w))
        .append(QuickWrites.QUEUE, List.of());
    if (w.nextDueAt() != null) {
      d.append(DUE, Bsons.date(w.nextDueAt())); // absent when nothing is due: a quick grant's $min then sets it
    }
    Document movedOut = s.movedOut().toStored();
    if (movedOut != null) {
      d.append(MOVED_OUT, movedOut); // absent until a record is first moved out
    }
    return d;
  }

  /**
   * The wallet a document holds: its stored state with its queued quick writes folded in (see
   * {@link QuickWrites#fold}).
   */
  static StoredWallet decode(Document d) {
    Bsons.checked(d, "wallet");
    WalletKey key = new WalletKey(UserId.of(d.getString(USER)), d.getString(GROUP));
    List<QuickWrites.Queued> queue = Bsons.list(d, QuickWrites.QUEUE, q -> QuickWrites.Queued.of(key, q));
    long seq = Bsons.longValue(d, SEQ);
    long version = Bsons.longValue(d, VERSION);
    Wallet w = new Wallet(key, Bsons.list(d, GRANTS, g -> grant(key, g)), Bsons.list(d, HOLDS, h -> hold(key, h)),
        Bsons.longValue(d, DEBT), seq - queue.size(), version);
    List<Document> pending = d.getList(PENDING, Document.class);
    StoredWallet stored = new StoredWallet(w, Bsons.list(d, RECENT, StoredWallet.Recorded::of),
        pending == null ? List.of() : pending, MovedOutKeys.of(d.get(MOVED_OUT)), 0);
    if (queue.isEmpty()) {
      return stored;
    }
    StoredWallet folded = QuickWrites.fold(stored, queue, version);
    if (folded.wallet().ledgerSeq() != seq) {
      throw new IllegalStateException("wallet " + d.get(ID) + ": its queued commands replay to ledger entry "
          + folded.wallet().ledgerSeq() + ", not " + seq);
    }
    return folded;
  }

  static Document grant(Grant g) {
    return new Document("id", g.id())
        .append("offerId", Bsons.str(g.offerId()))
        .append("orderId", Bsons.str(g.orderId()))
        .append("subscription", g.subscription())
        .append("initial", g.initial())
        .append("remaining", g.remaining())
        .append("reversed", g.reversed())
        .append("starts", Bsons.date(g.starts()))
        .append("expires", Bsons.date(g.expires()))
        .append("state", g.state().name());
  }

  static Grant grant(WalletKey key, Document d) {
    String offer = d.getString("offerId");
    String order = d.getString("orderId");
    return new Grant(d.getString("id"), key.userId(), key.offerGroup(), offer == null ? null : OfferId.of(offer),
        order == null ? null : OrderId.of(order), Bsons.bool(d, "subscription"), Bsons.longValue(d, "initial"),
        Bsons.longValue(d, "remaining"), Bsons.longValue(d, "reversed"), Bsons.instant(d, "starts"),
        Bsons.instant(d, "expires"), GrantState.valueOf(d.getString("state")));
  }

  static Document hold(Hold h) {
    return new Document("id", h.id().value())
        .append("amount", h.amount())
        .append("createdAt", Bsons.date(h.createdAt()))
        .append("expiresAt", Bsons.date(h.expiresAt()))
        .append("allocations", Bsons.docs(h.allocations(), Bsons::burn))
        .append("state", h.state().name())
        .append("captured", h.captured());
  }

  static Hold hold(WalletKey key, Document d) {
    return new Hold(HoldId.of(d.getString("id")), key.userId(), key.offerGroup(), Bsons.longValue(d, "amount"),
        Bsons.instant(d, "createdAt"), Bsons.instant(d, "expiresAt"), Bsons.list(d, "allocations", Bsons::burn),
        HoldState.valueOf(d.getString("state")), Bsons.longValue(d, "captured"));
  }
}

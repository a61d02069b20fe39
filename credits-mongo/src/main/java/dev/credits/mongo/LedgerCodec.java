package dev.credits.mongo;

import static dev.credits.mongo.Bsons.ID;
import static dev.credits.mongo.Bsons.V;

import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.UserId;
import org.bson.Document;

/**
 * Ledger entry documents: {@code _id} is {@code walletId:seq}, so inserting an entry twice is a
 * harmless duplicate-key error (that is what makes copying entries idempotent).
 */
final class LedgerCodec {
  static final String USER = "userId";
  static final String GROUP = "group";
  static final String SEQ = "seq";

  private LedgerCodec() {}

  static String id(String walletId, long seq) {
    return walletId + ":" + seq;
  }

  static Document encode(String walletId, LedgerEntry e) {
    return new Document(ID, id(walletId, e.seq()))
        .append(V, Bsons.SCHEMA)
        .append(USER, e.userId().value())
        .append(GROUP, e.offerGroup())
        .append(SEQ, e.seq())
        .append("type", e.type().name())
        .append("amount", e.amount())
        .append("balanceAfter", e.balanceAfter())
        .append("orderId", e.orderId())
        .append("holdId", e.holdId())
        .append("grantId", e.grantId())
        .append("key", e.idempotencyKey())
        .append("at", Bsons.date(e.at()));
  }

  static LedgerEntry decode(Document d) {
    Bsons.checked(d, "ledger entry");
    return new LedgerEntry(Bsons.longValue(d, SEQ), UserId.of(d.getString(USER)), d.getString(GROUP),
        LedgerEntryType.valueOf(d.getString("type")), Bsons.longValue(d, "amount"), Bsons.longValue(d, "balanceAfter"),
        d.getString("orderId"), d.getString("holdId"), d.getString("grantId"), d.getString("key"),
        Bsons.instant(d, "at"));
  }
}

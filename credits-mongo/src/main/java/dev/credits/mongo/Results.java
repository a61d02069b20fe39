package dev.credits.mongo;

import dev.credits.core.model.Consumption;
import dev.credits.core.model.Grant;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.HoldSettlement;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.spi.WalletKey;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** The result of every {@link dev.credits.core.spi.WalletCommand}, as stored in an idempotency record. */
final class Results {
  private Results() {}

  static Document encode(String walletId, Object result) {
    if (result == null) {
      return new Document("type", "none"); // e.g. a grant that paid debt in full and was pruned
    }
    if (result instanceof Consumption.Spent) {
      Consumption.Spent s = (Consumption.Spent) result;
      return new Document("type", "spent").append("count", s.count()).append("balance", s.balance())
          .append("burned", Bsons.docs(s.burned(), Bsons::burn)).append("overdraft", s.overdraft())
          .append("ledgerSeq", s.ledgerSeq());
    }
    if (result instanceof Consumption.Insufficient) {
      Consumption.Insufficient i = (Consumption.Insufficient) result;
      return new Document("type", "insufficient").append("requested", i.requested()).append("balance", i.balance())
          .append("overdraftRoom", i.overdraftRoom());
    }
    if (result instanceof Grant) {
      return new Document("type", "grant").append("grant", WalletCodec.grant((Grant) result));
    }
    if (result instanceof HoldResult.Held) {
      HoldResult.Held h = (HoldResult.Held) result;
      return new Document("type", "held").append("hold", WalletCodec.hold(h.hold())).append("balance", h.balance());
    }
    if (result instanceof HoldResult.Insufficient) {
      HoldResult.Insufficient i = (HoldResult.Insufficient) result;
      return new Document("type", "hold-insufficient").append("requested", i.requested())
          .append("balance", i.balance());
    }
    if (result instanceof HoldSettlement) {
      HoldSettlement s = (HoldSettlement) result;
      return new Document("type", "settlement").append("hold", WalletCodec.hold(s.hold())).append("spent", s.spent())
          .append("returned", s.returned()).append("balance", s.balance()).append("ledgerSeq", s.ledgerSeq());
    }
    if (result instanceof Long) {
      return new Document("type", "long").append("value", result);
    }
    if (result instanceof List) {
      List<Document> entries = new ArrayList<>();
      for (Object e : (List<?>) result) {
        entries.add(LedgerCodec.encode(walletId, (LedgerEntry) e));
      }
      return new Document("type", "entries").append("entries", entries);
    }
    throw new IllegalArgumentException("no mapping for a wallet result of " + result.getClass());
  }

  static Object decode(WalletKey key, Document d) {
    String type = d.getString("type");
    switch (type) {
      case "spent":
        return new Consumption.Spent(Bsons.longValue(d, "count"), Bsons.longValue(d, "balance"),
            Bsons.list(d, "burned", Bsons::burn), Bsons.longValue(d, "overdraft"), Bsons.longValue(d, "ledgerSeq"));
      case "insufficient":
        return new Consumption.Insufficient(Bsons.longValue(d, "requested"), Bsons.longValue(d, "balance"),
            Bsons.longValue(d, "overdraftRoom"));
      case "grant":
        return WalletCodec.grant(key, d.get("grant", Document.class));
      case "held":
        return new HoldResult.Held(WalletCodec.hold(key, d.get("hold", Document.class)), Bsons.longValue(d, "balance"));
      case "hold-insufficient":
        return new HoldResult.Insufficient(Bsons.longValue(d, "requested"), Bsons.longValue(d, "balance"));
      case "settlement":
        return new HoldSettlement(WalletCodec.hold(key, d.get("hold", Document.class)), Bsons.longValue(d, "spent"),
            Bsons.longValue(d, "returned"), Bsons.longValue(d, "balance"), Bsons.longValue(d, "ledgerSeq"));
      case "none":
        return null;
      case "long":
        return Bsons.longValue(d, "value");
      case "entries":
        return Bsons.list(d, "entries", LedgerCodec::decode);
      default:
        throw new IllegalStateException("unknown wallet result type '" + type + "' in wallet " + WalletCodec.id(key));
    }
  }
}

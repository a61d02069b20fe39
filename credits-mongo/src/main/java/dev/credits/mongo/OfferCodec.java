package dev.credits.mongo;

import static dev.credits.mongo.Bsons.ID;
import static dev.credits.mongo.Bsons.V;

import dev.credits.core.model.BundleItem;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OfferKind;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Offer documents of the {@code offers} collection: {@code _id} is the offer id. */
final class OfferCodec {
  private OfferCodec() {}

  static Document encode(Offer o) {
    List<Document> prices = new ArrayList<>();
    for (Money m : o.prices().values()) {
      prices.add(Bsons.money(m));
    }
    return new Document(ID, o.id().value())
        .append(V, Bsons.SCHEMA)
        .append("name", o.name())
        .append("kind", o.kind().name())
        .append("group", o.offerGroup())
        .append("price", Bsons.money(o.price()))
        .append("prices", prices)
        .append("tokenCount", o.tokenCount())
        .append("cycle", Bsons.cycle(o.cycle()))
        .append("appendDate", o.appendDate())
        .append("quantityLimit", o.quantityLimit())
        .append("overridingKey", o.overridingKey())
        .append("weight", o.weight())
        .append("unlockedBy", new ArrayList<>(o.unlockedBy()))
        .append("items", Bsons.docs(o.items(), OfferCodec::item))
        .append("tags", new ArrayList<>(o.tags()))
        .append("popularity", o.popularity());
  }

  static Offer decode(Document d) {
    Bsons.checked(d, "offer");
    Map<Currency, Money> prices = new LinkedHashMap<>();
    for (Money m : Bsons.list(d, "prices", Bsons::money)) {
      prices.put(m.currency(), m);
    }
    return new Offer(OfferId.of(d.getString(ID)), d.getString("name"), OfferKind.valueOf(d.getString("kind")),
        d.getString("group"), Bsons.money(d.get("price", Document.class)), prices, Bsons.longValue(d, "tokenCount"),
        Bsons.cycle(d.get("cycle", Document.class)), Bsons.bool(d, "appendDate"),
        (int) Bsons.longValue(d, "quantityLimit"), d.getString("overridingKey"), (int) Bsons.longValue(d, "weight"),
        new HashSet<>(Bsons.strings(d, "unlockedBy")), Bsons.list(d, "items", OfferCodec::item),
        new HashSet<>(Bsons.strings(d, "tags")), Bsons.longValue(d, "popularity"));
  }

  private static Document item(BundleItem i) {
    return new Document("offerId", i.offerId().value())
        .append("group", i.offerGroup())
        .append("quantity", i.quantity())
        .append("cycle", Bsons.cycle(i.cycle()));
  }

  private static BundleItem item(Document d) {
    return new BundleItem(OfferId.of(d.getString("offerId")), d.getString("group"), Bsons.longValue(d, "quantity"),
        Bsons.cycle(d.get("cycle", Document.class)));
  }
}

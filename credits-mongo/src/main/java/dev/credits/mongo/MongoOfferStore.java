package dev.credits.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.spi.OfferStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/** The catalog: one document per offer; a save is one upserting replace, a full read one find. */
final class MongoOfferStore implements OfferStore {
  private final Schema schema;

  MongoOfferStore(Schema schema) {
    this.schema = schema;
  }

  @Override
  public void save(Offer offer) {
    Objects.requireNonNull(offer, "offer == null");
    Errors.run("saving offer " + offer.id(), () -> schema.offers.replaceOne(Filters.eq(Bsons.ID, offer.id().value()),
        OfferCodec.encode(offer), new ReplaceOptions().upsert(true)));
  }

  @Override
  public Optional<Offer> find(OfferId id) {
    Objects.requireNonNull(id, "id == null");
    Document d = Errors.call("reading offer " + id,
        () -> schema.offers.find(Filters.eq(Bsons.ID, id.value())).projection(Snapshots.ALL).first());
    return d == null ? Optional.empty() : Optional.of(OfferCodec.decode(d));
  }

  @Override
  public List<Offer> findAll() {
    return Errors.call("reading the catalog", () -> {
      List<Offer> out = new ArrayList<>();
      for (Document d : schema.offers.find().projection(Snapshots.ALL)) {
        out.add(OfferCodec.decode(d));
      }
      return out;
    });
  }
}

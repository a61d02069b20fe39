package dev.credits.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.credits.core.spi.ProcessedEventStore;
import java.time.Instant;
import java.util.Objects;

/** Processed processor events: one document per event id; marking is an idempotent upsert. */
final class MongoProcessedEventStore implements ProcessedEventStore {
  private final Schema schema;

  MongoProcessedEventStore(Schema schema) {
    this.schema = schema;
  }

  @Override
  public boolean isProcessed(String eventId) {
    Objects.requireNonNull(eventId, "eventId == null");
    return Errors.call("reading event " + eventId, () -> schema.events.find(Filters.eq(Bsons.ID, eventId))
        .projection(Projections.include(Bsons.ID)).first() != null);
  }

  @Override
  public void markProcessed(String eventId, Instant at) {
    Objects.requireNonNull(eventId, "eventId == null");
    Objects.requireNonNull(at, "at == null");
    try {
      schema.events.updateOne(Filters.eq(Bsons.ID, eventId),
          Updates.combine(Updates.setOnInsert(Bsons.V, Bsons.SCHEMA), Updates.setOnInsert("at", Bsons.date(at))),
          new UpdateOptions().upsert(true));
    } catch (MongoException e) {
      if (!Errors.isDuplicateKey(e)) { // a concurrent upsert of the same id won: recorded either way
        throw Errors.translate("recording event " + eventId, e);
      }
    }
  }
}

package dev.credits.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.credits.core.model.Lease;
import dev.credits.core.spi.LeaseLockStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Lease locks: one document per lock name ({@code _id}). Each operation is one conditional write,
 * atomic on the server: take-over is an upsert whose filter only matches a free, expired or own
 * lease, so a live lease of someone else makes the upsert collide on {@code _id} and fail.
 */
final class MongoLockStore implements LeaseLockStore {
  private static final String HOLDER = "holder";
  private static final String UNTIL = "until";

  private final Schema schema;

  MongoLockStore(Schema schema) {
    this.schema = schema;
  }

  @Override
  public Optional<Lease> tryAcquire(String name, String holder, Instant until, Instant now) {
    check(name, holder, until, now);
    Bson takeable = Filters.and(Filters.eq(Bsons.ID, name),
        Filters.or(Filters.lte(UNTIL, Bsons.date(now)), Filters.eq(HOLDER, holder)));
    try {
      Document d = schema.locks.findOneAndUpdate(takeable, set(holder, until),
          new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER).projection(Snapshots.ALL));
      return d == null ? Optional.empty() : Optional.of(new Lease(name, holder, until));
    } catch (MongoException e) {
      if (Errors.isDuplicateKey(e)) {
        return Optional.empty(); // someone else holds a live lease
      }
      throw Errors.translate("acquiring lock " + name, e);
    }
  }

  @Override
  public Optional<Lease> extend(String name, String holder, Instant until, Instant now) {
    check(name, holder, until, now);
    Bson live = Filters.and(Filters.eq(Bsons.ID, name), Filters.eq(HOLDER, holder), Filters.gt(UNTIL, Bsons.date(now)));
    long matched = Errors.call("extending lock " + name,
        () -> schema.locks.updateOne(live, set(holder, until)).getMatchedCount());
    return matched == 1 ? Optional.of(new Lease(name, holder, until)) : Optional.empty();
  }

  @Override
  public boolean release(String name, String holder) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(holder, "holder == null");
    return Errors.call("releasing lock " + name,
        () -> schema.locks.deleteOne(Filters.and(Filters.eq(Bsons.ID, name), Filters.eq(HOLDER, holder)))
            .getDeletedCount() == 1);
  }

  private static Bson set(String holder, Instant until) {
    return Updates.combine(Updates.set(Bsons.V, Bsons.SCHEMA), Updates.set(HOLDER, holder),
        Updates.set(UNTIL, Bsons.date(until)));
  }

  private static void check(String name, String holder, Instant until, Instant now) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(holder, "holder == null");
    Objects.requireNonNull(until, "until == null");
    Objects.requireNonNull(now, "now == null");
  }
}

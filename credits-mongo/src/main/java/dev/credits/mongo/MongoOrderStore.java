package dev.credits.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.credits.core.ConflictException;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.OrderStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Orders: one document each; {@link #replace} is a single replace filtered on the previous
 * version (compare-and-set), atomic on a standalone server, a replica set and a sharded cluster
 * (the filter carries {@code userId}, the advised shard key).
 */
final class MongoOrderStore implements OrderStore {
  private final Schema schema;

  MongoOrderStore(Schema schema) {
    this.schema = schema;
  }

  @Override
  public void insert(Order order) {
    Objects.requireNonNull(order, "order == null");
    try {
      schema.orders.insertOne(OrderCodec.encode(order));
    } catch (MongoException e) {
      if (Errors.isDuplicateKey(e)) {
        throw new ConflictException("order " + order.id() + " already exists", e);
      }
      throw Errors.translate("inserting order " + order.id(), e);
    }
  }

  @Override
  public Optional<Order> find(OrderId id) {
    Objects.requireNonNull(id, "id == null");
    Document d = Errors.call("reading order " + id,
        () -> schema.orders.find(Filters.eq(Bsons.ID, id.value())).projection(Snapshots.ALL).first());
    return d == null ? Optional.empty() : Optional.of(OrderCodec.decode(d));
  }

  @Override
  public boolean replace(Order next) {
    Objects.requireNonNull(next, "next == null");
    // a plain document rather than Filters.and: the same query, without the $and wrapper
    Bson filter = new Document(Bsons.ID, next.id().value()).append(OrderCodec.USER, next.userId().value())
        .append(OrderCodec.VERSION, next.version() - 1);
    return Errors.call("updating order " + next.id(),
        () -> schema.orders.replaceOne(filter, OrderCodec.encode(next)).getMatchedCount() == 1);
  }

  @Override
  public List<Order> findByUser(UserId userId) {
    Objects.requireNonNull(userId, "userId == null");
    return many("reading the orders of " + userId, Filters.eq(OrderCodec.USER, userId.value()),
        Sorts.orderBy(Sorts.descending(OrderCodec.CREATED), Sorts.ascending(Bsons.ID)), 0);
  }

  @Override
  public Optional<Order> findByPaymentReference(String reference) {
    Objects.requireNonNull(reference, "reference == null");
    List<Order> found = many("finding the order of payment " + reference, Filters.eq(OrderCodec.REFERENCE, reference),
        Sorts.ascending(OrderCodec.CREATED), 1);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<Order> findDue(Instant now, int limit) {
    Objects.requireNonNull(now, "now == null");
    if (limit <= 0) {
      return List.of();
    }
    Bson expired = Filters.and(Filters.eq(OrderCodec.STATUS, OrderStatus.PENDING.name()),
        Filters.eq(OrderCodec.GRANTED, false), Filters.lte(OrderCodec.DEADLINE, Bsons.date(now)));
    Bson ungranted = Filters.and(Filters.eq(OrderCodec.STATUS, OrderStatus.PAID.name()),
        Filters.eq(OrderCodec.GRANTED, false));
    return many("finding due orders", Filters.or(expired, ungranted), Sorts.ascending(OrderCodec.DEADLINE), limit);
  }

  private List<Order> many(String what, Bson filter, Bson sort, int limit) {
    return Errors.call(what, () -> {
      List<Order> out = new ArrayList<>();
      for (Document d : schema.orders.find(filter).projection(Snapshots.ALL).sort(sort).limit(limit)) {
        out.add(OrderCodec.decode(d));
      }
      return out;
    });
  }
}

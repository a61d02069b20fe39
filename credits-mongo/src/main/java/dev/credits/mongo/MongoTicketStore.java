package dev.credits.mongo;

import com.mongodb.MongoException;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.credits.core.ConflictException;
import dev.credits.core.spi.TicketStore;
import dev.credits.core.ticket.Reservation;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Tickets: one document each in {@code tickets}. Reserving is one {@code findOneAndUpdate} whose
 * filter only matches a free ticket of another owner ({@code lockedUntil <= now}), so of many
 * concurrent buyers exactly one matches; {@link #replace} is a replace filtered on the previous
 * version. Every write touches one document by {@code _id} (shard tickets on {@code _id}).
 */
final class MongoTicketStore implements TicketStore {
  private final MongoCollection<Document> tickets;

  private MongoTicketStore(MongoCollection<Document> tickets) {
    this.tickets = tickets;
  }

  /** The store on {@code database}, with its index created (idempotent). */
  static MongoTicketStore create(MongoDatabase database) {
    MongoCollection<Document> tickets = database.withWriteConcern(WriteConcern.MAJORITY)
        .withReadPreference(ReadPreference.primary()).getCollection("tickets");
    Errors.run("creating ticket indexes", () -> tickets.createIndex(
        Indexes.ascending(TicketCodec.LOCKED_UNTIL, Bsons.ID), new IndexOptions().name("locked_until")));
    return new MongoTicketStore(tickets);
  }

  @Override
  public void insert(Ticket ticket) {
    Objects.requireNonNull(ticket, "ticket == null");
    try {
      tickets.insertOne(TicketCodec.encode(ticket));
    } catch (MongoException e) {
      if (Errors.isDuplicateKey(e)) {
        throw new ConflictException("ticket " + ticket.id() + " already exists", e);
      }
      throw Errors.translate("inserting ticket " + ticket.id(), e);
    }
  }

  @Override
  public Optional<Ticket> find(TicketId id) {
    Objects.requireNonNull(id, "id == null");
    Document d = Errors.call("reading ticket " + id,
        () -> tickets.find(Filters.eq(Bsons.ID, id.value())).projection(Snapshots.ALL).first());
    return d == null ? Optional.empty() : Optional.of(TicketCodec.decode(d));
  }

  @Override
  public boolean replace(Ticket next) {
    Objects.requireNonNull(next, "next == null");
    Bson filter = Filters.and(Filters.eq(Bsons.ID, next.id().value()),
        Filters.eq(TicketCodec.VERSION, next.version() - 1));
    return Errors.call("updating ticket " + next.id(),
        () -> tickets.replaceOne(filter, TicketCodec.encode(next)).getMatchedCount() == 1);
  }

  @Override
  public Optional<Ticket> reserve(TicketId id, Reservation reservation, Instant now) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(reservation, "reservation == null");
    Objects.requireNonNull(now, "now == null");
    Bson free = Filters.and(Filters.eq(Bsons.ID, id.value()), Filters.lte(TicketCodec.LOCKED_UNTIL, Bsons.date(now)),
        Filters.ne(TicketCodec.OWNER, reservation.buyer().value()));
    Bson reserve = Updates.combine(Updates.set(TicketCodec.RESERVATION, TicketCodec.reservation(reservation)),
        Updates.set(TicketCodec.LOCKED_UNTIL, Bsons.date(reservation.until())),
        Updates.set(TicketCodec.UPDATED, Bsons.date(now)), Updates.inc(TicketCodec.VERSION, 1L));
    Document d = Errors.call("reserving ticket " + id, () -> tickets.findOneAndUpdate(free, reserve,
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Snapshots.ALL)));
    return d == null ? Optional.empty() : Optional.of(TicketCodec.decode(d));
  }

  @Override
  public List<Ticket> findAvailable(Instant now, TicketId after, int limit) {
    Objects.requireNonNull(now, "now == null");
    if (limit <= 0) {
      return List.of();
    }
    Bson free = Filters.lte(TicketCodec.LOCKED_UNTIL, Bsons.date(now));
    Bson filter = after == null ? free : Filters.and(free, Filters.gt(Bsons.ID, after.value()));
    return Errors.call("listing free tickets", () -> {
      List<Ticket> out = new ArrayList<>();
      for (Document d : tickets.find(filter).projection(Snapshots.ALL).sort(Sorts.ascending(Bsons.ID)).limit(limit)) {
        out.add(TicketCodec.decode(d));
      }
      return out;
    });
  }
}

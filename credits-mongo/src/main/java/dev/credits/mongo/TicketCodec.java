package dev.credits.mongo;

import static dev.credits.mongo.Bsons.ID;
import static dev.credits.mongo.Bsons.V;

import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import dev.credits.core.ticket.Reservation;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.TicketId;
import java.util.Date;
import org.bson.Document;

/**
 * Ticket documents of the {@code tickets} collection: {@code _id} is the ticket id. Besides the
 * ticket's fields each document carries {@link #LOCKED_UNTIL}, derived from them, so that "free at
 * now" is one indexed comparison ({@code lockedUntil <= now}) that a conditional update can test.
 */
final class TicketCodec {
  static final String OWNER = "owner";
  static final String VERSION = "version";
  static final String RESERVATION = "reservation";
  static final String UPDATED = "updatedAt";
  /**
   * Until when nobody may reserve the ticket: the epoch when it was never reserved or its hold was
   * released, the hold's end while unpaid, {@link #FOREVER} while paying or once sold.
   */
  static final String LOCKED_UNTIL = "lockedUntil";
  /** The last millisecond of year 9999: a lock that only a write ends. */
  static final Date FOREVER = new Date(253_402_300_799_999L);
  private static final Date NEVER_LOCKED = new Date(0);

  private TicketCodec() {}

  static Document encode(Ticket t) {
    return new Document(ID, t.id().value())
        .append(V, Bsons.SCHEMA)
        .append(OWNER, t.owner().value())
        .append("title", t.title())
        .append("price", Bsons.money(t.price()))
        .append(RESERVATION, reservation(t.reservation()))
        .append("soldTo", t.soldTo() == null ? null : t.soldTo().value())
        .append(LOCKED_UNTIL, lockedUntil(t))
        .append("createdAt", Bsons.date(t.createdAt()))
        .append(UPDATED, Bsons.date(t.updatedAt()))
        .append(VERSION, t.version());
  }

  static Ticket decode(Document d) {
    Bsons.checked(d, "ticket");
    String soldTo = d.getString("soldTo");
    return new Ticket(TicketId.of(d.getString(ID)), UserId.of(d.getString(OWNER)), d.getString("title"),
        Bsons.money(d.get("price", Document.class)), reservation(d.get(RESERVATION, Document.class)),
        soldTo == null ? null : OrderId.of(soldTo), Bsons.instant(d, "createdAt"), Bsons.instant(d, UPDATED),
        Bsons.longValue(d, VERSION));
  }

  static Document reservation(Reservation r) {
    return r == null ? null : new Document("orderId", r.orderId().value())
        .append("buyer", r.buyer().value())
        .append("until", Bsons.date(r.until()))
        .append("paying", r.paying());
  }

  private static Reservation reservation(Document d) {
    return d == null ? null : new Reservation(OrderId.of(d.getString("orderId")), UserId.of(d.getString("buyer")),
        Bsons.instant(d, "until"), Bsons.bool(d, "paying"));
  }

  /** {@link #LOCKED_UNTIL} of a ticket: at or before {@code now} exactly when it is free at {@code now}. */
  static Date lockedUntil(Ticket t) {
    if (t.isSold() || t.reservation() != null && t.reservation().paying()) {
      return FOREVER;
    }
    return t.reservation() == null ? NEVER_LOCKED : Bsons.date(t.reservation().until());
  }
}

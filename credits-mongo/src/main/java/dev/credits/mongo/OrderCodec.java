package dev.credits.mongo;

import static dev.credits.mongo.Bsons.ID;
import static dev.credits.mongo.Bsons.V;

import dev.credits.core.model.GrantPlan;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentInfo;
import dev.credits.core.model.Refund;
import dev.credits.core.model.StatusChange;
import dev.credits.core.model.UserId;
import org.bson.Document;

/** Order documents of the {@code orders} collection: {@code _id} is the order id. */
final class OrderCodec {
  static final String USER = "userId";
  static final String VERSION = "version";
  static final String STATUS = "status";
  static final String GRANTED = "granted";
  static final String DEADLINE = "paymentDeadline";
  static final String CREATED = "createdAt";
  static final String REFERENCE = "payment.reference";

  private OrderCodec() {}

  static Document encode(Order o) {
    return new Document(ID, o.id().value())
        .append(V, Bsons.SCHEMA)
        .append(USER, o.userId().value())
        .append("offerId", o.offerId().value())
        .append("quantity", o.quantity())
        .append("total", Bsons.money(o.total()))
        .append(STATUS, o.status().name())
        .append("payment", payment(o.payment()))
        .append("refunds", Bsons.docs(o.refunds(), OrderCodec::refund))
        .append("plan", Bsons.docs(o.plan(), OrderCodec::plan))
        .append("history", Bsons.docs(o.history(), OrderCodec::change))
        .append(CREATED, Bsons.date(o.createdAt()))
        .append("updatedAt", Bsons.date(o.updatedAt()))
        .append(DEADLINE, Bsons.date(o.paymentDeadline()))
        .append(GRANTED, o.granted())
        .append(VERSION, o.version());
  }

  static Order decode(Document d) {
    Bsons.checked(d, "order");
    return new Order(OrderId.of(d.getString(ID)), UserId.of(d.getString(USER)), OfferId.of(d.getString("offerId")),
        Bsons.longValue(d, "quantity"), Bsons.money(d.get("total", Document.class)),
        OrderStatus.valueOf(d.getString(STATUS)), payment(d.get("payment", Document.class)),
        Bsons.list(d, "refunds", OrderCodec::refund), Bsons.list(d, "plan", OrderCodec::plan),
        Bsons.list(d, "history", OrderCodec::change), Bsons.instant(d, CREATED), Bsons.instant(d, "updatedAt"),
        Bsons.instant(d, DEADLINE), Bsons.bool(d, GRANTED), Bsons.longValue(d, VERSION));
  }

  private static Document payment(PaymentInfo p) {
    return p == null ? null : new Document("processor", p.processor())
        .append("reference", p.reference())
        .append("reported", Bsons.money(p.reported()));
  }

  private static PaymentInfo payment(Document d) {
    return d == null ? null : new PaymentInfo(d.getString("processor"), d.getString("reference"),
        Bsons.money(d.get("reported", Document.class)));
  }

  private static Document refund(Refund r) {
    return new Document("id", r.id())
        .append("key", r.idempotencyKey())
        .append("amount", Bsons.money(r.amount()))
        .append("at", Bsons.date(r.at()))
        .append("failed", r.failed());
  }

  private static Refund refund(Document d) {
    return new Refund(d.getString("id"), d.getString("key"), Bsons.money(d.get("amount", Document.class)),
        Bsons.instant(d, "at"), Bsons.bool(d, "failed"));
  }

  private static Document plan(GrantPlan p) {
    return new Document("group", p.offerGroup())
        .append("offerId", p.offerId().value())
        .append("subscription", p.subscription())
        .append("tokens", p.tokens())
        .append("cycle", Bsons.cycle(p.cycle()))
        .append("periods", p.periods())
        .append("appendDate", p.appendDate());
  }

  private static GrantPlan plan(Document d) {
    return new GrantPlan(d.getString("group"), OfferId.of(d.getString("offerId")), Bsons.bool(d, "subscription"),
        Bsons.longValue(d, "tokens"), Bsons.cycle(d.get("cycle", Document.class)), Bsons.longValue(d, "periods"),
        Bsons.bool(d, "appendDate"));
  }

  private static Document change(StatusChange c) {
    return new Document("from", c.from() == null ? null : c.from().name())
        .append("to", c.to().name())
        .append("at", Bsons.date(c.at()))
        .append("reason", c.reason());
  }

  private static StatusChange change(Document d) {
    String from = d.getString("from");
    return new StatusChange(from == null ? null : OrderStatus.valueOf(from), OrderStatus.valueOf(d.getString("to")),
        Bsons.instant(d, "at"), d.getString("reason"));
  }
}

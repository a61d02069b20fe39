package dev.credits.mongo;

import dev.credits.core.model.Burn;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * Small, explicit conversions between BSON values and the core's value types, shared by the
 * codecs. Instants are stored as BSON dates: millisecond precision, sub-millisecond parts are
 * truncated (the facade's clock decides what is stored).
 */
final class Bsons {
  /** The schema version every document carries in {@link #V}. */
  static final int SCHEMA = 1;
  /** The field holding the schema version. */
  static final String V = "_v";
  /** The primary key field. */
  static final String ID = "_id";

  private Bsons() {}

  static Date date(Instant instant) {
    return instant == null ? null : new Date(instant.toEpochMilli());
  }

  static Instant instant(Document doc, String field) {
    Date d = doc.get(field, Date.class);
    return d == null ? null : d.toInstant();
  }

  static long longValue(Document doc, String field) {
    Object v = doc.get(field);
    if (v == null) {
      return 0;
    }
    return ((Number) v).longValue();
  }

  static boolean bool(Document doc, String field) {
    return Boolean.TRUE.equals(doc.get(field));
  }

  static String string(Document doc, String field) {
    return doc.getString(field);
  }

  static Document money(Money money) {
    return money == null ? null : new Document("minor", money.minor()).append("cur", money.currency().getCurrencyCode());
  }

  static Money money(Document doc) {
    return doc == null ? null : Money.ofMinor(longValue(doc, "minor"), doc.getString("cur"));
  }

  static Document cycle(Cycle cycle) {
    if (cycle == null) {
      return null;
    }
    return new Document("name", cycle.name())
        .append("period", cycle.period() == null ? null : cycle.period().toString())
        .append("duration", cycle.duration() == null ? null : cycle.duration().toString());
  }

  static Cycle cycle(Document doc) {
    if (doc == null) {
      return null;
    }
    String period = doc.getString("period");
    String duration = doc.getString("duration");
    return new Cycle(doc.getString("name"), period == null ? null : Period.parse(period),
        duration == null ? null : Duration.parse(duration));
  }

  static Document burn(Burn burn) {
    return new Document("grant", burn.grantId()).append("tokens", burn.tokens());
  }

  static Burn burn(Document doc) {
    return new Burn(doc.getString("grant"), longValue(doc, "tokens"));
  }

  static <T> List<Document> docs(List<T> values, Function<T, Document> encode) {
    List<Document> out = new ArrayList<>(values.size());
    for (T v : values) {
      out.add(encode.apply(v));
    }
    return out;
  }

  static <T> List<T> list(Document doc, String field, Function<Document, T> decode) {
    List<Document> raw = doc.getList(field, Document.class);
    if (raw == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>(raw.size());
    for (Document d : raw) {
      out.add(decode.apply(d));
    }
    return out;
  }

  static List<String> strings(Document doc, String field) {
    List<String> raw = doc.getList(field, String.class);
    return raw == null ? List.of() : raw;
  }

  static String str(Object o) {
    return o == null ? null : o.toString();
  }

  /**
   * Checks a document's schema version.
   *
   * @throws dev.credits.core.StoreUnavailableException when it was written by a newer library
   */
  static Document checked(Document doc, String what) {
    Object v = doc.get(V);
    int version = v == null ? SCHEMA : ((Number) v).intValue();
    if (version > SCHEMA) {
      throw new dev.credits.core.StoreUnavailableException(what + " " + doc.get(ID) + " has schema version " + version
          + ", newer than this library reads (" + SCHEMA + "): upgrade credits-mongo");
    }
    return doc;
  }
}

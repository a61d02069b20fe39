package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.credits.core.StoreUnavailableException;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoDB catalog, document schema and indexes")
class MongoCatalogAndSchemaTest {
  private MongoDatabase db;
  private CreditsStore store;

  @BeforeEach
  void setUp() {
    String name = InProcessMongo.freshDatabase();
    db = InProcessMongo.client().getDatabase(name);
    store = MongoCredits.create(InProcessMongo.client(), name);
  }

  private static Offer everything() {
    return Offer.builder("bundle", "Everything").kind(OfferKind.SUBSCRIPTION).group("pro").price("19.99", "EUR")
        .alsoPriced("21.50", "USD").alsoPriced("2500", "JPY").tokens(1_000).cycle(Cycle.TRIMESTER).appendDate(true)
        .quantityLimit(3).overrides("tier", 7).unlockedBy("basic", "starter").tags("b2b", "yearly")
        .item("extra", "api", 2, Cycle.of(Duration.ofHours(36))).item("more", "chat", 1, null)
        .popularity(42).build();
  }

  @Test
  @DisplayName("an offer with every field reads back equal, and saving again replaces it")
  void offerRoundTrip() {
    Offer o = everything();
    store.offers().save(o);
    Offer simple = Offer.builder("pack", "Pack").group("api").price("5", "EUR").tokens(10)
        .cycle(Cycle.of(Period.ofDays(45))).build();
    store.offers().save(simple);

    assertThat(store.offers().find(OfferId.of("bundle"))).contains(o);
    assertThat(store.offers().findAll()).containsExactlyInAnyOrder(o, simple);

    Offer renamed = Offer.builder("pack", "Pack v2").group("api").price("6", "EUR").tokens(12).build();
    store.offers().save(renamed);
    assertThat(store.offers().find(OfferId.of("pack"))).contains(renamed);
    assertThat(store.offers().findAll()).hasSize(2);
    assertThat(store.offers().find(OfferId.of("none"))).isEmpty();
  }

  @Test
  @DisplayName("every document carries the schema version")
  void schemaVersion() {
    store.offers().save(everything());
    store.processedEvents().markProcessed("evt", java.time.Instant.EPOCH);
    store.locks().tryAcquire("l", "h", java.time.Instant.EPOCH.plusSeconds(9), java.time.Instant.EPOCH);

    for (String c : List.of("offers", "processed_events", "locks")) {
      assertThat(db.getCollection(c).find().first().get("_v")).as(c).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a document written by a newer schema is refused rather than misread")
  void newerSchema() {
    db.getCollection("wallets").insertOne(new Document("_id", "u|g").append("_v", 2).append("userId", "u")
        .append("group", "g"));

    assertThatThrownBy(() -> store.wallets().findByUser(UserId.of("u")))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("schema version 2");
  }

  @Test
  @DisplayName("the adapter creates its indexes, and creating the store again keeps them")
  void indexes() {
    MongoCredits.create(InProcessMongo.client(), db.getName());

    assertThat(names(db.getCollection("orders").listIndexes()))
        .contains("user_created", "payment_reference", "status_granted_deadline");
    assertThat(names(db.getCollection("wallets").listIndexes())).contains("user_group", "next_due");
    assertThat(names(db.getCollection("ledger").listIndexes())).contains("wallet_seq");
  }

  private static List<String> names(Iterable<Document> indexes) {
    List<String> out = new java.util.ArrayList<>();
    indexes.forEach(d -> out.add(d.getString("name")));
    return out;
  }
}

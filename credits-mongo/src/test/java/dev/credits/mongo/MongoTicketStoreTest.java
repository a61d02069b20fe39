package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.credits.core.StoreUnavailableException;
import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.TicketStore;
import dev.credits.core.ticket.Reservation;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoDB ticket documents and indexes")
class MongoTicketStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant UNTIL = T0.plusSeconds(900);

  private MongoDatabase db;
  private TicketStore store;

  @BeforeEach
  void setUp() {
    String name = InProcessMongo.freshDatabase();
    db = InProcessMongo.client().getDatabase(name);
    store = MongoCredits.create(InProcessMongo.client(), name).tickets();
  }

  private MongoCollection<Document> tickets() {
    return db.getCollection("tickets");
  }

  private Date lockedUntil(TicketId id) {
    return tickets().find(Filters.eq("_id", id.value())).first().getDate("lockedUntil");
  }

  private static Ticket ticket(String id) {
    return Ticket.listed(TicketId.of(id), UserId.of("seller"), "Row A", Money.parse("25.00", "EUR"), T0);
  }

  @Test
  @DisplayName("a ticket reads back equal in every state, and lockedUntil follows the state: free, held, paying, sold")
  void statesRoundTrip() {
    Ticket free = ticket("t1");
    store.insert(free);
    assertThat(store.find(free.id())).contains(free);
    assertThat(lockedUntil(free.id())).isEqualTo(new Date(0));

    Reservation hold = new Reservation(OrderId.of("o1"), UserId.of("alice"), UNTIL, false);
    Ticket held = store.reserve(free.id(), hold, T0).orElseThrow();
    assertThat(store.find(free.id())).contains(held);
    assertThat(lockedUntil(free.id())).isEqualTo(Date.from(UNTIL));

    Ticket paying = held.withReservation(hold.paying(true), T0.plusSeconds(1));
    assertThat(store.replace(paying)).isTrue();
    assertThat(store.find(free.id())).contains(paying);
    assertThat(lockedUntil(free.id())).isEqualTo(TicketCodec.FOREVER);
    assertThat(store.findAvailable(UNTIL.plusSeconds(3600), null, 10)).as("a paying hold does not lapse").isEmpty();

    Ticket sold = paying.sold(hold.orderId(), T0.plusSeconds(2));
    assertThat(store.replace(sold)).isTrue();
    assertThat(store.find(free.id())).contains(sold);
    assertThat(lockedUntil(free.id())).isEqualTo(TicketCodec.FOREVER);
    assertThat(tickets().find().first().get("_v")).isEqualTo(1);
  }

  @Test
  @DisplayName("a held ticket is listed again from the instant its hold ends, without any write")
  void heldTicketLapses() {
    store.insert(ticket("t1"));
    store.reserve(TicketId.of("t1"), new Reservation(OrderId.of("o1"), UserId.of("alice"), UNTIL, false), T0);

    assertThat(store.findAvailable(UNTIL.minusMillis(1), null, 10)).isEmpty();
    assertThat(store.findAvailable(UNTIL, null, 10)).extracting(Ticket::id).containsExactly(TicketId.of("t1"));
  }

  @Test
  @DisplayName("a ticket written by a newer schema is refused rather than misread")
  void newerSchema() {
    tickets().insertOne(new Document("_id", "t9").append("_v", 2));

    assertThatThrownBy(() -> store.find(TicketId.of("t9")))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("schema version 2");
  }

  @Test
  @DisplayName("the adapter creates the tickets index, and creating the store again keeps it")
  void index() {
    MongoCredits.create(InProcessMongo.client(), db.getName());

    List<String> names = new ArrayList<>();
    tickets().listIndexes().forEach(d -> names.add(d.getString("name")));
    assertThat(names).contains("locked_until");
  }
}

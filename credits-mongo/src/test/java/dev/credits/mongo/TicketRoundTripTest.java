package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.credits.core.ConflictException;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.UserId;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.Tickets;
import dev.credits.testkit.contract.CreditsFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Round trips of the ticket module on MongoDB, counted by a driver command listener (one command, one round trip). */
@DisplayName("round trips of the ticket module on MongoDB")
class TicketRoundTripTest {
  private static final UserId SELLER = UserId.of("seller");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");

  private final List<String> commands = new ArrayList<>();
  private MongoClient client;
  private Tickets tickets;

  @BeforeEach
  void setUp() {
    CommandListener listener = new CommandListener() {
      @Override
      public void commandStarted(CommandStartedEvent event) {
        synchronized (commands) {
          commands.add(event.getCommandName());
        }
      }
    };
    client = InProcessMongo.client(listener);
    tickets = new CreditsFixture(MongoCredits.create(client, InProcessMongo.freshDatabase())).credits().tickets();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private List<String> during(Runnable action) {
    synchronized (commands) {
      commands.clear();
    }
    action.run();
    synchronized (commands) {
      List<String> out = List.copyOf(commands);
      System.out.println("round trips: " + out.size() + " " + out);
      return out;
    }
  }

  @Test
  @DisplayName("reserve is one conditional findAndModify on the ticket and one order insert: 2 round trips")
  void reserve() {
    Ticket ticket = tickets.create(SELLER, "Row A", Money.parse("25.00", "EUR"));

    assertThat(during(() -> tickets.reserve(ticket.id(), ALICE))).containsExactly("findAndModify", "insert");
  }

  @Test
  @DisplayName("a refused reservation is the refused findAndModify and one read to say why: 2 round trips, nothing written")
  void refused() {
    Ticket ticket = tickets.create(SELLER, "Row A", Money.parse("25.00", "EUR"));
    tickets.reserve(ticket.id(), ALICE);

    assertThat(during(() -> assertThatThrownBy(() -> tickets.reserve(ticket.id(), BOB))
        .isInstanceOf(ConflictException.class))).containsExactly("findAndModify", "find");
  }

  @Test
  @DisplayName("listing free tickets is one find; listing a ticket is one insert")
  void listAndCreate() {
    assertThat(during(() -> tickets.create(SELLER, "Row A", Money.parse("25.00", "EUR")))).containsExactly("insert");
    assertThat(during(() -> tickets.listAvailable(null, 20))).containsExactly("find");
  }

  @Test
  @DisplayName("paying reads the order and the ticket, pins the ticket, then the core's startPayment: 6 round trips")
  void pay() {
    Ticket ticket = tickets.create(SELLER, "Row A", Money.parse("25.00", "EUR"));
    Order order = tickets.reserve(ticket.id(), ALICE);

    // owned order: find; pin: ticket find + replace; core startPayment: order find, then find + CAS to record it
    assertThat(during(() -> tickets.pay(order.id(), ALICE)))
        .containsExactly("find", "find", "update", "find", "find", "update");
  }
}

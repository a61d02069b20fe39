package dev.credits.examples.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TicketsExampleTest {
  @Test
  @DisplayName("the ticket story runs end to end: reserve and pay; reserve, expire once, reserve again and pay")
  void storyRuns() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Order> orders = TicketsExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(orders).extracting(Order::status)
        .containsExactly(OrderStatus.PAID, OrderStatus.EXPIRED, OrderStatus.PAID);
    assertThat(out)
        .contains("order ord_3 PENDING, total 45.00 EUR, pay by 2026-03-14T19:15:00Z")
        .contains("bob reserves row A too: ConflictException: ticket tkt_1 is already reserved")
        .contains("sam raises row A's price: InvalidStateException")
        .contains("bob edits row A: NotAuthorizedException")
        .contains("payment sim_ord_3 for 45.00 EUR")
        .contains("row A sold to order ord_3")
        .contains("sweep: 1 order expired")
        .contains("a second pass: 0 expired")
        .contains("bob pays his expired order: InvalidStateException")
        .contains("bob: ord_5 tkt_2 EXPIRED")
        .contains("carol: ord_6 tkt_2 PAID");
    assertThat(out.split("event: OrderClosed EXPIRED", -1)).as("expired once").hasSize(2);
    assertThat(out.split("event: TicketReleased", -1)).as("released once").hasSize(2);
    assertThat(out.split("event: TicketSold", -1)).as("two sales").hasSize(3);
  }
}

package dev.credits.examples.tickets;

import dev.credits.core.Credits;
import dev.credits.core.CreditsException;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.memory.InProcessEventBus;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.SweepReport;
import dev.credits.core.model.UserId;
import dev.credits.core.ticket.Ticket;
import dev.credits.core.ticket.Tickets;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ticket flow on the embedded default (in-memory store, simulated gateway), printed: a seller
 * lists tickets; a buyer reserves one and pays; another buyer reserves one, lets the 15-minute
 * window pass, the sweep expires the order and releases the ticket, and a third buyer reserves it
 * again. Time is a clock the story moves by hand, and ids are counted, so the output is the same
 * on every run.
 */
public final class TicketsExample {
  private TicketsExample() {}

  /**
   * Runs the story.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the story, printing to {@code out}.
   *
   * @param out where to print
   * @return every ticket order of the story, in the order they were made (used by the example's test)
   */
  public static List<Order> run(PrintStream out) {
    StoryClock clock = new StoryClock(Instant.parse("2026-03-14T19:00:00Z"));
    InProcessEventBus events = new InProcessEventBus();
    events.subscribe(e -> out.println("      event: " + describe(e)));
    AtomicLong ids = new AtomicLong();
    Credits credits = Credits.builder().clock(clock).events(events).ids(() -> Long.toString(ids.incrementAndGet()))
        .build();
    Tickets tickets = credits.tickets();
    UserId sam = UserId.of("sam");
    UserId alice = UserId.of("alice");
    UserId bob = UserId.of("bob");
    UserId carol = UserId.of("carol");

    out.println("1. sam lists two tickets");
    Ticket rowA = tickets.create(sam, "Concert, row A", Money.parse("45.00", "EUR"));
    Ticket rowB = tickets.create(sam, "Concert, row B", Money.parse("40.00", "EUR"));
    list(tickets, out);

    out.println("2. alice reserves row A for " + tickets.reservationWindow().toMinutes() + " minutes");
    Order alices = tickets.reserve(rowA.id(), alice);
    out.println("   order " + alices.id() + " " + alices.status() + ", total " + alices.total() + ", pay by "
        + alices.paymentDeadline());
    list(tickets, out);
    attempt(out, "bob reserves row A too", () -> tickets.reserve(rowA.id(), bob));
    long version = tickets.get(rowA.id()).version();
    attempt(out, "sam raises row A's price", () -> tickets.update(rowA.id(), sam, version, "Concert, row A",
        Money.parse("60.00", "EUR")));
    attempt(out, "bob edits row A", () -> tickets.update(rowA.id(), bob, version, "Mine", Money.parse("1.00", "EUR")));

    out.println("3. alice pays through the simulated gateway");
    PaymentIntent intent = tickets.pay(alices.id(), alice);
    out.println("   payment " + intent.reference() + " for " + intent.amount());
    alices = tickets.confirmPayment(alices.id(), alice);
    out.println("   order " + alices.id() + " is " + alices.status() + "; row A sold to order "
        + tickets.get(rowA.id()).soldTo());
    OrderId paid = alices.id();
    attempt(out, "alice pays again", () -> tickets.pay(paid, alice));

    clock.advance(Duration.ofMinutes(5));
    out.println("4. five minutes later, bob reserves row B, and does not pay");
    Order bobs = tickets.reserve(rowB.id(), bob);
    out.println("   order " + bobs.id() + " " + bobs.status() + ", pay by " + bobs.paymentDeadline());
    list(tickets, out);

    out.println("5. 15 minutes pass: row B is free again at once, before any sweep");
    clock.advance(tickets.reservationWindow());
    list(tickets, out);
    out.println("   the sweeper (any instance, under the sweep lease lock) expires bob's order, once");
    SweepReport sweep = credits.sweeper("instance-1", 100).runOnce(Duration.ofMinutes(1));
    out.println("   sweep: " + sweep.ordersExpired() + " order expired");
    out.println("   a second pass: " + credits.sweep(100).ordersExpired() + " expired");
    bobs = tickets.order(bobs.id(), bob);
    out.println("   bob's order " + bobs.id() + " is " + bobs.status());
    OrderId expired = bobs.id();
    attempt(out, "bob pays his expired order", () -> tickets.pay(expired, bob));

    out.println("6. carol reserves row B again, and pays");
    Order carols = tickets.reserve(rowB.id(), carol);
    tickets.pay(carols.id(), carol);
    carols = tickets.confirmPayment(carols.id(), carol);
    out.println("   order " + carols.id() + " is " + carols.status());
    list(tickets, out);

    out.println("7. each buyer sees only their own orders");
    for (UserId buyer : List.of(alice, bob, carol)) {
      for (Order o : tickets.orders(buyer)) {
        out.println("   " + buyer + ": " + o.id() + " " + Tickets.ticketOf(o).orElseThrow() + " " + o.status());
      }
    }
    return List.of(alices, bobs, carols);
  }

  private static void list(Tickets tickets, PrintStream out) {
    List<Ticket> free = tickets.listAvailable(null, 20);
    out.println("   listed:" + (free.isEmpty() ? " nothing" : ""));
    for (Ticket t : free) {
      out.println("     " + t.id() + "  " + t.title() + "  " + t.price() + "  (version " + t.version() + ")");
    }
  }

  private static void attempt(PrintStream out, String what, Runnable action) {
    try {
      action.run();
      out.println("   " + what + ": done");
    } catch (CreditsException e) {
      out.println("   " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String describe(CreditsEvent e) {
    String name = e.getClass().getSimpleName();
    if (e instanceof CreditsEvent.OrderClosed) {
      return name + " " + ((CreditsEvent.OrderClosed) e).order().status();
    }
    return name + " (" + e.userId() + ")";
  }

  /** A clock the story moves by hand. */
  private static final class StoryClock extends Clock {
    private volatile Instant now;

    StoryClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

package dev.credits.examples.quickstart;

import dev.credits.core.Credits;
import dev.credits.core.memory.InProcessEventBus;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.ExpiryReport;
import dev.credits.core.model.GroupCredits;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.HoldSettlement;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.UserId;
import dev.credits.core.model.Warning;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The whole pay-as-you-go story on the embedded default (in-memory store, simulated gateway):
 * catalog, order, payment, credits, consumption, holds, an expiry warning, and expiry.
 * Time is simulated with a fixed clock that the story moves forward, so the output is the same on
 * every run.
 */
public final class Quickstart {
  private Quickstart() {}

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
   * @return the final balance of the "chat" group (used by the example's test)
   */
  public static long run(PrintStream out) {
    StoryClock clock = new StoryClock(Instant.parse("2026-01-31T09:00:00Z"));
    InProcessEventBus events = new InProcessEventBus();
    events.subscribe(e -> out.println("    event: " + e.getClass().getSimpleName()));
    Credits credits = Credits.builder().clock(clock).events(events).build();

    out.println("1. Catalog");
    credits.saveOffer(Offer.builder("chat-monthly", "Chat, monthly").kind(OfferKind.SUBSCRIPTION).group("chat")
        .price("19.99", "USD").alsoPriced("2900", "JPY").tokens(1_000).cycle(Cycle.MONTHLY).appendDate(true)
        .quantityLimit(12).tags("chat").build());
    credits.saveOffer(Offer.builder("chat-pack", "Chat, 500 tokens").group("chat").price("5.00", "USD")
        .tokens(500).tags("chat").build());
    credits.saveOffer(Offer.builder("chat-pack-pro", "Chat, 500 tokens (subscriber price)").group("chat")
        .price("3.50", "USD").tokens(500).overrides("chat-pack", 10).unlockedBy("chat").tags("chat").build());
    credits.saveOffer(Offer.builder("chat-pack", "Chat, 500 tokens").group("chat").price("5.00", "USD")
        .tokens(500).overrides("chat-pack", 0).tags("chat").build());
    UserId alice = UserId.of("alice");
    credits.loadOffers(alice).forEach(o -> out.println("   " + o.id() + "  " + o.name() + "  " + o.price()));

    out.println("2. Order: alice buys one month of chat");
    Order order = credits.createOrder(dev.credits.core.model.OfferId.of("chat-monthly"), alice, 1);
    out.println("   order " + order.id() + " " + order.status() + ", total " + order.total() + " ("
        + order.total().minor() + " minor units)");

    out.println("3. Payment through the simulated gateway");
    PaymentIntent intent = credits.startPayment(order.id(), alice);
    out.println("   payment " + intent.reference() + " for " + intent.amount());
    order = credits.confirmPayment(order.id(), alice);
    out.println("   order is " + order.status() + ", granted: " + order.granted());
    Order again = credits.confirmPayment(order.id(), alice);
    out.println("   confirming again changes nothing: " + again.status() + ", version " + again.version());

    out.println("4. Credits");
    printCredits(credits, alice, out);
    out.println("   subscribed to chat-monthly: "
        + credits.isUserAlreadySubscribed(alice, dev.credits.core.model.OfferId.of("chat-monthly")));
    out.println("   offers now (the subscriber price replaces the regular pack):");
    credits.loadOffers(alice, "chat").forEach(o -> out.println("   " + o.id() + "  " + o.price()));

    out.println("5. Consumption");
    Consumption spent = credits.tokensConsumed(alice, "chat", 120, "request-1");
    out.println("   spent 120: " + spent);
    Consumption replay = credits.tokensConsumed(alice, "chat", 120, "request-1");
    out.println("   same idempotency key again, balance still " + replay.balance());
    out.println("   spending 5000: " + credits.tokensConsumed(alice, "chat", 5_000, "request-2"));

    out.println("6. Holds");
    HoldResult held = credits.holdTokens(alice, "chat", 300, Duration.ofMinutes(10), "job-7");
    out.println("   " + held);
    HoldResult.Held h = (HoldResult.Held) held;
    HoldSettlement captured = credits.captureHold(alice, "chat", h.hold().id(), 180, "job-7-done");
    out.println("   captured 180, returned " + captured.returned() + ", balance " + captured.balance());

    out.println("7. Expiry warning, 3 days before the month ends");
    clock.set(Instant.parse("2026-02-25T09:00:00Z"));
    ExpiryReport soon = credits.checkForExpiredOrders(alice, Duration.ofDays(7), Map.of("chat", 100L));
    soon.warnings().forEach(w -> out.println("   warning: " + describe(w)));

    out.println("8. Expiry: the period ended on " + Instant.parse("2026-02-28T09:00:00Z")
        + " (Jan 31 + 1 month)");
    clock.set(Instant.parse("2026-03-01T00:00:00Z"));
    ExpiryReport after = credits.checkForExpiredOrders(alice, Duration.ofDays(7), Map.of("chat", 100L));
    after.expired().forEach(e -> out.println("   recorded: " + e.type() + " " + e.amount() + " at " + e.at()));
    after.warnings().forEach(w -> out.println("   warning: " + describe(w)));
    printCredits(credits, alice, out);

    out.println("9. The ledger sums to the balance");
    long sum = 0;
    for (LedgerEntry e : credits.ledger(alice, "chat", 0, 100)) {
      sum += e.amount();
      out.println(String.format("   #%d %-10s %6d -> %6d", e.seq(), e.type(), e.amount(), e.balanceAfter()));
    }
    long balance = credits.getUserCredits(alice).balance("chat");
    out.println("   sum " + sum + " = balance " + balance);
    return balance;
  }

  private static void printCredits(Credits credits, UserId user, PrintStream out) {
    for (GroupCredits g : credits.getUserCredits(user).groups().values()) {
      out.println("   group " + g.offerGroup() + ": balance " + g.balance() + ", held " + g.held() + ", period "
          + g.periodStart() + " .. " + g.periodEnd() + ", subscriptions " + g.subscriptions().size());
    }
  }

  private static String describe(Warning w) {
    if (w instanceof Warning.Expiring) {
      Warning.Expiring e = (Warning.Expiring) w;
      return e.tokens() + " " + e.offerGroup() + " tokens expire at " + e.expiresAt();
    }
    Warning.Low l = (Warning.Low) w;
    return l.offerGroup() + " is low: " + l.balance() + " < " + l.threshold();
  }

  /** A clock the story moves by hand. */
  private static final class StoryClock extends Clock {
    private volatile Instant now;

    StoryClock(Instant start) {
      this.now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}

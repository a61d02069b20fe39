package dev.credits.testkit.stress;

import dev.credits.core.Credits;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Offer;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.EventPublisher;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What every worker of one run shares: the store, the facade, the clock, the catalog, the mailbox, the books. */
final class StressWorld {
  static final String START = "2026-01-31T10:00:00Z";
  static final String CHAT = "chat";
  static final String IMAGE = "image";
  static final String POSTPAID = "postpaid";
  static final long OVERDRAFT_LIMIT = 50;
  static final Map<String, Long> OVERDRAFT = Map.of(POSTPAID, OVERDRAFT_LIMIT);
  static final Duration PAYMENT_WINDOW = Duration.ofMinutes(30);
  static final int USERS = 16;

  final CreditsStore store;
  final MutableClock clock = MutableClock.at(START);
  // a tolerance far beyond any clock jump of a run: a late webhook is still authentic
  final FakePaymentGateway gateway = new FakePaymentGateway(clock, "whsec_stress", Duration.ofDays(3650));
  final Credits credits;
  final List<UserId> users = new ArrayList<>();
  final List<Offer> offers = List.of(
      Offer.builder("chat-pack", "Chat, 40 tokens").group(CHAT).price("1.00", "USD").tokens(40).build(),
      Offer.builder("chat-3h", "Chat, 60 tokens for 3 hours").group(CHAT).price("1.50", "USD").tokens(60)
          .cycle(Cycle.of(Duration.ofHours(3))).build(),
      Offer.builder("image-6h", "Images, 30 tokens for 6 hours").group(IMAGE).price("2.00", "USD").tokens(30)
          .cycle(Cycle.of(Duration.ofHours(6))).build(),
      Offer.builder("postpaid-pack", "Post-paid, 50 tokens").group(POSTPAID).price("0.50", "USD").tokens(50).build());
  /** Payment completions waiting to be delivered, by any thread, in any order. */
  final Queue<Delivery> mailbox = new ConcurrentLinkedQueue<>();
  final Bookkeeping books = new Bookkeeping();

  /** Whether the processor plays the whole payment lifecycle ({@link StressHarness.Mode#LIFECYCLE}). */
  final boolean lifecycle;

  StressWorld(CreditsStore store, boolean lifecycle) {
    this.store = store;
    this.lifecycle = lifecycle;
    AtomicLong ids = new AtomicLong();
    this.credits = Credits.builder().store(store).gateway(gateway).events(EventPublisher.none()).clock(clock)
        .paymentWindow(PAYMENT_WINDOW).ids(() -> Long.toString(ids.incrementAndGet()))
        .overdraft(POSTPAID, OVERDRAFT_LIMIT).build();
    for (int i = 0; i < USERS; i++) {
      users.add(UserId.of("user-" + i));
    }
    for (Offer o : offers) {
      credits.saveOffer(o);
    }
  }

  static long limit(String group) {
    return OVERDRAFT.getOrDefault(group, 0L);
  }

  /** Records a balance a result reported, if it is below the group's overdraft limit. */
  void checkBalance(String where, UserId user, String group, long balance) {
    if (balance < -limit(group)) {
      books.violation(Bookkeeping.OVERDRAFT, where + " left " + user + "/" + group + " at " + balance + ", below -"
          + limit(group));
    }
  }
}

package dev.credits.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Hold;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Shortcuts shared by the wallet sections (consumption, holds, ledger, expiry): buying tokens
 * through a paid order, reading balances and whole ledgers, checking the ledger invariants, and
 * running work on many threads at once.
 */
final class Wallets {
  /** The user most tests act as. */
  static final UserId ALICE = UserId.of("alice");
  /** Another user, to check isolation. */
  static final UserId BOB = UserId.of("bob");
  /** The group most tests spend in (pre-paid: no overdraft). */
  static final String CHAT = "chat";
  /** Another pre-paid group, to check isolation. */
  static final String IMAGES = "images";

  private static final int PAGE = 50;

  private Wallets() {}

  /**
   * Buys {@code tokens} in {@code group} through the fixture's gateway: saves a 10 USD offer (once
   * per shape), orders it, pays, confirms, and checks the order ended PAID and granted.
   */
  static Order buyPaid(CreditsFixture f, UserId user, String group, long tokens, Cycle cycle) {
    OfferId id = OfferId.of("pack-" + group + "-" + tokens + "-" + cycle.name());
    if (f.store().offers().find(id).isEmpty()) {
      f.credits().saveOffer(Offer.builder(id.value(), tokens + " " + group + " tokens")
          .kind(cycle.isOnce() ? OfferKind.TOKENS : OfferKind.SUBSCRIPTION).group(group).price("10.00", "USD")
          .tokens(tokens).cycle(cycle).build());
    }
    Order order = f.credits().createOrder(id, user, 1);
    f.credits().startPayment(order.id(), user);
    Order paid = f.credits().confirmPayment(order.id(), user);
    assertThat(paid.status()).as("order status after a successful payment").isEqualTo(OrderStatus.PAID);
    assertThat(paid.granted()).as("order granted after a successful payment").isTrue();
    return paid;
  }

  /** The spendable balance the facade reports now. */
  static long balance(CreditsFixture f, UserId user, String group) {
    return f.credits().getUserCredits(user).balance(group);
  }

  /** The whole ledger of a wallet, read page by page. */
  static List<LedgerEntry> ledger(CreditsFixture f, UserId user, String group) {
    List<LedgerEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<LedgerEntry> page = f.credits().ledger(user, group, after, PAGE);
      all.addAll(page);
      if (page.size() < PAGE) {
        return all;
      }
      after = page.get(page.size() - 1).seq();
    }
  }

  /**
   * Checks the ledger invariants of one wallet and returns its entries: seqs run 1..n without
   * gaps, every entry belongs to the wallet, {@code balanceAfter} is the running sum of amounts,
   * and the sum equals the balance the facade reports. Call it after a write (or a sweep), when
   * due expiries are recorded.
   */
  static List<LedgerEntry> assertLedgerMatchesBalance(CreditsFixture f, UserId user, String group) {
    List<LedgerEntry> entries = ledger(f, user, group);
    long running = 0;
    for (int i = 0; i < entries.size(); i++) {
      LedgerEntry e = entries.get(i);
      assertThat(e.seq()).as("seq of entry %s", e).isEqualTo(i + 1L);
      assertThat(e.userId()).as("user of entry %s", e).isEqualTo(user);
      assertThat(e.offerGroup()).as("group of entry %s", e).isEqualTo(group);
      running += e.amount();
      assertThat(e.balanceAfter()).as("balanceAfter of entry %s (running sum)", e).isEqualTo(running);
    }
    assertThat(running).as("sum of the %s/%s ledger vs. its balance", user.value(), group)
        .isEqualTo(balance(f, user, group));
    return entries;
  }

  /** Asserts the consumption was spent and returns it. */
  static Consumption.Spent spent(Consumption c) {
    assertThat(c).as("consumption result").isInstanceOf(Consumption.Spent.class);
    return (Consumption.Spent) c;
  }

  /** Asserts the hold was placed and returns it. */
  static Hold held(HoldResult r) {
    assertThat(r).as("hold result").isInstanceOf(HoldResult.Held.class);
    return ((HoldResult.Held) r).hold();
  }

  /**
   * Runs {@code tasks} copies of {@code task} on {@code threads} threads released together, and
   * returns their results in task order. Fails on the first task failure.
   */
  static <T> List<T> concurrently(int threads, int tasks, IndexedTask<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        int index = i;
        Callable<T> call = () -> {
          start.await();
          return task.run(index);
        };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One unit of concurrent work, told its index. */
  @FunctionalInterface
  interface IndexedTask<T> {
    T run(int index) throws Exception;
  }
}

package dev.credits.testkit.stress;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.model.SweepReport;
import dev.credits.core.spi.CreditsStore;
import dev.credits.testkit.StoreAudit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A concurrency stress test for a {@link CreditsStore}: many threads drive one Credits facade
 * (with its own {@link dev.credits.testkit.MutableClock} and
 * {@link dev.credits.testkit.FakePaymentGateway}) through a seeded random mix of operations, while
 * keeping their own books of what must be true; then the store's final state is checked.
 *
 * <p>The mix, per operation: purchases (create an order, start its payment, maybe twice, then 2 to
 * 5 completions: client confirmations, verified events and signed webhooks that repeat event ids,
 * shuffled and left in a shared mailbox that every thread delivers from, sometimes with a late
 * failure notification); consumptions in a pre-paid or a post-paid group (overdraft 50), without
 * a key, with a new key, or repeating a recent key from any thread; holds with or without keys,
 * captured, released or left to expire, with replayed settlements; partial and full refunds with
 * keys, some replayed; credit views; clock jumps (the shared clock only moves forward, 1 to 15
 * minutes); and sweeps (plain or through the leased sweeper).
 *
 * <p>At the end it delivers what is left in the mailbox, moves past the payment window, sweeps until
 * nothing is due, and checks: no balance below its overdraft limit (in any result or at the end);
 * every ledger sums to its balance with a gap-free running balance; each paid order granted exactly
 * once and every order seen paid ends paid; CONSUME entries debit exactly the distinct successful
 * consumptions (a key counts once); each successful refund recorded once and reversing at most its
 * share; repeated keys answer the first result; no unexpected exception.
 *
 * <p>From the command line, on the in-memory store (after {@code mvn -q -B -pl credits-testkit -am
 * -DskipTests package}):
 * <pre>{@code java -cp credits-core/target/classes:credits-testkit/target/classes \
 *     dev.credits.testkit.stress.StressHarness 8 20000 42}</pre>
 * The arguments are threads, operations per thread, seed and mode (defaults 8, 20000, 42,
 * {@code standard}; the other mode is {@code lifecycle}). The thread interleaving is not
 * deterministic, so two runs with one seed do the same operations in a different order.
 *
 * <p>In {@link Mode#LIFECYCLE} the processor behaves as real ones do: attempts are declined and
 * retried, debits stay processing past the payment window and settle later, cancels lose races
 * against the customer's payment, money arrives after an order closed, paid orders are disputed (won
 * or lost, the two notifications in either order) and refunds fail after they succeeded. Success
 * completions are delivered only once the fake processor holds the money. One more invariant is
 * checked: for every order, the money the library records as collected and kept equals what the
 * processor holds; an order that keeps money is paid and granted; one that keeps none has no
 * spendable tokens left from it; no grant is left frozen; and a paid order with nothing refunded
 * has no tokens reversed.
 */
public final class StressHarness {
  /** Held so that its level sticks: the library's warnings about late payments would flood the console. */
  private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("dev.credits");
  private final Supplier<CreditsStore> stores;
  private final int threads;
  private final int opsPerThread;
  private final long seed;
  private final Mode mode;

  /** Which processor the harness plays. */
  public enum Mode {
    /** Payments that succeed, with duplicate, reordered and racing completions. */
    STANDARD,
    /** As {@link #STANDARD}, plus declines, processing debits, late money, disputes and failed refunds. */
    LIFECYCLE
  }

  /**
   * A harness for one store implementation, in {@link Mode#STANDARD}.
   *
   * @param stores makes the new, empty store a run works on
   * @param threads worker threads, at least 1
   * @param opsPerThread operations per thread, at least 1
   * @param seed the random seed
   * @throws IllegalArgumentException when threads or opsPerThread is below 1
   */
  public StressHarness(Supplier<CreditsStore> stores, int threads, int opsPerThread, long seed) {
    this(stores, threads, opsPerThread, seed, Mode.STANDARD);
  }

  /**
   * A harness for one store implementation.
   *
   * @param stores makes the new, empty store a run works on
   * @param threads worker threads, at least 1
   * @param opsPerThread operations per thread, at least 1
   * @param seed the random seed
   * @param mode which processor to play
   * @throws IllegalArgumentException when threads or opsPerThread is below 1
   */
  public StressHarness(Supplier<CreditsStore> stores, int threads, int opsPerThread, long seed, Mode mode) {
    this.stores = Objects.requireNonNull(stores, "stores == null");
    this.mode = Objects.requireNonNull(mode, "mode == null");
    if (threads < 1 || opsPerThread < 1) {
      throw new IllegalArgumentException("threads and opsPerThread must be at least 1, were " + threads + " and "
          + opsPerThread);
    }
    this.threads = threads;
    this.opsPerThread = opsPerThread;
    this.seed = seed;
  }

  /**
   * Runs the mix on a new store and checks the invariants. Never throws for a broken invariant: it
   * is reported.
   *
   * @return the report
   * @throws IllegalStateException when a worker thread dies of an error the harness does not expect
   *     (an {@link Error} or a non-Credits runtime exception escaping its own handling)
   */
  public StressReport run() {
    StressWorld world = new StressWorld(stores.get(), mode == Mode.LIFECYCLE);
    SplittableRandom root = new SplittableRandom(seed);
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> died = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      StressWorker worker = new StressWorker(world, t, opsPerThread, root.split());
      Thread thread = new Thread(() -> {
        try {
          start.await();
          worker.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
          died.compareAndSet(null, e);
        }
      }, "credits-stress-" + t);
      workers.add(thread);
      thread.start();
    }
    long began = System.nanoTime();
    start.countDown();
    join(workers);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
    if (died.get() != null) {
      throw new IllegalStateException("a stress worker died", died.get());
    }
    finish(world);
    StoreAudit audit = StoreAudit.of(world.store, world.clock.instant(), world.users);
    Map<String, Long> counts = new HashMap<>(world.books.counts());
    counts.put("simulated minutes", Duration.between(java.time.Instant.parse(StressWorld.START),
        world.clock.instant()).toMinutes());
    StressReport report = new StressReport(threads, opsPerThread, seed, (long) threads * opsPerThread, elapsed,
        counts, new StressInvariants(world, audit, (long) threads * opsPerThread).check());
    System.out.println(report.summary());
    return report;
  }

  private static void join(List<Thread> workers) {
    for (Thread t : workers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the workers", e);
      }
    }
  }

  /** Delivers what is left, moves past every payment window and sweeps until nothing is due. */
  private static void finish(StressWorld world) {
    PaymentDeliverer deliverer = new PaymentDeliverer(world);
    while (!world.mailbox.isEmpty()) {
      deliverer.deliverOne();
    }
    world.clock.advance(StressWorld.PAYMENT_WINDOW.plusMinutes(1));
    for (int pass = 0; pass < 1_000; pass++) {
      SweepReport r = world.credits.sweep(1_000);
      if (r.walletsSettled() == 0 && r.ordersExpired() == 0 && r.ordersGranted() == 0) {
        return;
      }
    }
    world.books.violation(Bookkeeping.UNEXPECTED, "the final sweep still finds work after 1000 passes");
  }

  /**
   * Runs the harness on the in-memory store and prints the report; exits with status 1 when an
   * invariant failed.
   *
   * @param args threads, operations per thread, seed, mode (defaults 8, 20000, 42, standard)
   */
  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    Mode mode = args.length > 3 ? Mode.valueOf(args[3].toUpperCase(java.util.Locale.ROOT)) : Mode.STANDARD;
    QUIET.setLevel(java.util.logging.Level.SEVERE);
    StressReport report = new StressHarness(InMemoryCreditsStore::new, threads, ops, seed, mode).run();
    String details = report.details();
    System.out.print(details.substring(details.indexOf('\n') + 1)); // run() printed the summary line
    if (!report.allPassed()) {
      System.exit(1);
    }
  }
}

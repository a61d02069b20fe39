package dev.credits.examples.benchmarks;

import dev.credits.core.Credits;
import dev.credits.core.model.UserId;
import java.io.PrintStream;
import java.lang.management.MemoryUsage;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Fills the in-memory store with a million users holding one grant each (through the facade, with an
 * idempotency key per user), then measures the live heap. Exits with status 1 when the store needs more than
 * 1 GiB. Run it with {@code -Xmx1g} to prove it also fits.
 *
 * <pre>java -Xmx1g -cp examples/benchmarks/target/benchmarks.jar dev.credits.examples.benchmarks.ScaleCheck
 * [users] [--expiring] [--histogram]</pre>
 *
 * <p>{@code --expiring} gives every grant an expiry in 30 days, so each wallet is also in the store's due index;
 * {@code --histogram} prints the largest classes on the heap after the fill.
 */
public final class ScaleCheck {
  /** The group every user is granted tokens in. */
  static final String GROUP = "chat";
  /** Tokens per user. */
  static final long TOKENS = 1_000;
  /** The budget: 1 GiB. */
  static final long LIMIT = 1L << 30;

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private ScaleCheck() {}

  /**
   * Runs the check and prints the figures.
   *
   * @param args optional user count (default 1,000,000) and {@code --expiring}
   */
  public static void main(String[] args) {
    int users = 1_000_000;
    boolean expiring = false;
    boolean histogram = false;
    for (String a : args) {
      if (a.equals("--expiring")) {
        expiring = true;
      } else if (a.equals("--histogram")) {
        histogram = true;
      } else {
        users = Integer.parseInt(a.replace("_", ""));
      }
    }
    Report report = run(users, expiring, histogram, System.out);
    if (report.live() > LIMIT) {
      System.out.println("FAIL: " + mib(report.live()) + " live heap is over the 1 GiB budget");
      System.exit(1);
    }
    System.out.println("OK: " + mib(report.live()) + " live heap is under the 1 GiB budget");
  }

  /**
   * Figures from one run.
   *
   * @param users users filled
   * @param baseline live heap before filling, bytes
   * @param live live heap after filling, bytes
   * @param fillMillis how long the fill took
   */
  record Report(int users, long baseline, long live, long fillMillis) {
    /** @return bytes the store holds per user */
    long bytesPerUser() {
      return (live - baseline) / Math.max(users, 1);
    }
  }

  /**
   * Builds a facade on a fresh in-memory store, fills it and measures the heap before and after.
   *
   * @param users how many users
   * @param expiring whether grants expire (in 30 days)
   * @param histogram whether to print the top of the class histogram after the fill
   * @param out where to print
   * @return the figures
   */
  static Report run(int users, boolean expiring, boolean histogram, PrintStream out) {
    Runtime rt = Runtime.getRuntime();
    out.printf(Locale.ROOT, "ScaleCheck: %,d users, one %s grant each, max heap %s, %d cpus%n", users,
        expiring ? "expiring" : "non-expiring", mib(rt.maxMemory()), rt.availableProcessors());
    Credits credits = newCredits();
    long baseline = HeapMeter.settledHeap().getUsed();
    long start = System.nanoTime();
    fill(credits, users, expiring ? NOW.plus(30, ChronoUnit.DAYS) : null);
    long fillMillis = (System.nanoTime() - start) / 1_000_000;
    MemoryUsage heap = HeapMeter.settledHeap();
    long runtimeUsed = HeapMeter.runtimeUsed();
    check(credits, users);
    if (histogram) {
      out.print(ClassHistogram.top(25));
    }
    Reference.reachabilityFence(credits);
    Report r = new Report(users, baseline, heap.getUsed(), fillMillis);
    out.printf(Locale.ROOT, "  fill time          %,d ms (%,d grants/s)%n", fillMillis,
        users * 1000L / Math.max(fillMillis, 1));
    out.printf(Locale.ROOT, "  heap before fill   %s%n", mib(baseline));
    out.printf(Locale.ROOT, "  heap after fill    %s (MemoryMXBean used), %s (Runtime total-free), committed %s%n",
        mib(heap.getUsed()), mib(runtimeUsed), mib(heap.getCommitted()));
    out.printf(Locale.ROOT, "  store              %s = %,d bytes per user%n", mib(r.live() - baseline),
        r.bytesPerUser());
    return r;
  }

  /** @return a facade on a fresh in-memory store, with a fixed clock */
  static Credits newCredits() {
    return Credits.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  /**
   * Grants {@link #TOKENS} to each of {@code users} users, keyed {@code signup-<n>} so a re-run grants nothing.
   *
   * @param credits the facade
   * @param users how many users
   * @param expiresAt when the grants expire, or null
   */
  static void fill(Credits credits, int users, Instant expiresAt) {
    for (int i = 0; i < users; i++) {
      credits.grantTokens(user(i), GROUP, TOKENS, expiresAt, "signup-" + i);
    }
  }

  /**
   * The n-th user's id.
   *
   * @param n index
   * @return {@code user-<n>}
   */
  static UserId user(int n) {
    return UserId.of("user-" + n);
  }

  private static void check(Credits credits, int users) {
    for (int i = 0; i < users; i += Math.max(1, users / 100)) {
      long balance = credits.getUserCredits(user(i)).balance(GROUP);
      if (balance != TOKENS) {
        throw new IllegalStateException(user(i) + " has " + balance + " tokens, expected " + TOKENS);
      }
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024.0));
  }
}

package dev.credits.examples.benchmarks;

import dev.credits.core.Credits;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.UserId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A purchase from order to paid on the MongoDB store, one thread: {@code createOrder}, {@code startPayment} and
 * {@code confirmPayment} with the simulated gateway (every payment succeeds at once), which grants the pack's
 * tokens. Each call is a new buyer, so every purchase creates its own order and wallet documents and no document
 * grows across calls. Primed with {@link Priming#ORDERS} purchases.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MongoOrderBenchmark {
  static final OfferId PACK = OfferId.of("chat-pack");
  static final long PACK_TOKENS = 500;

  int primeOrders = Priming.ORDERS;
  private MongoTarget target;
  private String database;
  private Credits credits;
  private long buyers;

  /** Creates the state. */
  public MongoOrderBenchmark() {}

  /** Starts the server, saves the offer and primes the purchase ({@link Priming}). */
  @Setup(Level.Trial)
  public void start() {
    target = MongoTarget.start();
    database = target.freshDatabase();
    RoundTrips.uncounted(() -> {
      credits = target.credits(database);
      credits.saveOffer(Offer.builder(PACK.value(), "Chat, 500 tokens").group("chat").price("5.00", "USD")
          .tokens(PACK_TOKENS).build());
    });
    Priming.run(primeOrders, this::purchase);
  }

  /** Drops the database and stops the server (or disconnects). */
  @TearDown(Level.Trial)
  public void stop() {
    target.drop(database);
    target.close();
  }

  /**
   * A new buyer orders one pack, starts the payment and confirms it.
   *
   * @param trips the command counter
   * @return the paid order, consumed by JMH
   */
  @Benchmark
  public Order orderToPaid(RoundTrips trips) {
    trips.calls++;
    return purchase();
  }

  private Order purchase() {
    UserId buyer = UserId.of("buyer-" + buyers++);
    Order order = credits.createOrder(PACK, buyer, 1);
    credits.startPayment(order.id(), buyer);
    return credits.confirmPayment(order.id(), buyer);
  }

  /** @return the facade (for tests) */
  Credits credits() {
    return credits;
  }
}

package dev.credits.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Consumption;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each Mongo benchmark's state and method, run once without JMH on the in-process server (or on
 * {@value MongoTarget#URI_ENV}): the measured call must do what its name says. No timings.
 */
class MongoBenchmarksTest {

  private static RoundTrips counting() {
    RoundTrips trips = new RoundTrips();
    trips.bind();
    return trips;
  }

  @Test
  @DisplayName("tokensConsumed spends one token of a user with exactly `history` earlier spends; priming went elsewhere")
  void consumeSpendsOneTokenAfterTheHistory() {
    MongoConsumeBenchmark bench = new MongoConsumeBenchmark();
    bench.history = 25;
    bench.primeOps = 40;
    bench.start();
    try {
      RoundTrips trips = counting();
      Consumption spent = bench.tokensConsumed(trips);
      long commands = trips.commands;

      assertThat(spent).isInstanceOf(Consumption.Spent.class);
      assertThat(spent.balance()).isEqualTo(MongoConsumeBenchmark.GRANT - 26);
      assertThat(commands).isPositive();
      assertThat(bench.credits().ledger(MongoConsumeBenchmark.USER, MongoConsumeBenchmark.GROUP, 0, 1_000))
          .as("the grant, the history and this spend; none of the 15 priming spends")
          .hasSize(27);
    } finally {
      bench.stop();
    }
  }

  @Test
  @DisplayName("the raw baseline decrements the balance in exactly one command, after its priming decrements")
  void rawSpendIsOneFindOneAndUpdate() {
    MongoBaselineBenchmark bench = new MongoBaselineBenchmark();
    bench.primeOps = 5;
    bench.start();
    try {
      RoundTrips trips = counting();
      Long after = bench.rawFindOneAndUpdate(trips);

      assertThat(trips.commands).isEqualTo(1);
      assertThat(trips.calls).isEqualTo(1);
      assertThat(after).isEqualTo(MongoConsumeBenchmark.GRANT - 6);
      assertThat(bench.raw().balance(MongoBaselineBenchmark.USER)).isEqualTo(after);
    } finally {
      bench.stop();
    }
  }

  @Test
  @DisplayName("the raw baseline's condition is in its filter: a short balance is left unchanged")
  void rawSpendRefusesAShortBalance() {
    MongoBaselineBenchmark bench = new MongoBaselineBenchmark();
    bench.primeOps = 0;
    bench.start();
    try {
      RawBalance raw = bench.raw();
      raw.open("poor", 2);

      assertThat(raw.spend("poor", 3)).isNull();
      assertThat(raw.balance("poor")).isEqualTo(2);
      assertThat(raw.spend("poor", 2)).isZero();
      assertThat(raw.spend("nobody", 1)).isNull();
      assertThat(raw.balance("nobody")).isNull();
    } finally {
      bench.stop();
    }
  }

  @Test
  @DisplayName("the library's spend command, sent raw, spends one token in one command and keeps the queue's length")
  void libraryCommandSentRawSpendsOneToken() {
    MongoWalletCommandBenchmark bench = new MongoWalletCommandBenchmark();
    bench.primeOps = 4;
    bench.start("rawLibraryCommand");
    try {
      RoundTrips trips = counting();
      Document after = bench.rawLibraryCommand(trips);

      assertThat(trips.commands).isEqualTo(1);
      Document quick = after.get("quick", Document.class);
      assertThat(quick.getLong("balance")).as("the grant less the library's 17 spends and 5 raw ones")
          .isEqualTo(MongoConsumeBenchmark.GRANT - 22);
      assertThat(after.getList("queue", Document.class)).hasSize(MongoWalletCommandBenchmark.QUEUED);
    } finally {
      bench.stop();
    }
  }

  @Test
  @DisplayName("the bare decrement of the wallet document takes one token off its spendable count in one command")
  void bareDecrementOfTheWallet() {
    MongoWalletCommandBenchmark bench = new MongoWalletCommandBenchmark();
    bench.primeOps = 3;
    bench.start("rawDecrementOfWallet");
    try {
      RoundTrips trips = counting();
      Document after = bench.rawDecrementOfWallet(trips);

      assertThat(trips.commands).isEqualTo(1);
      assertThat(after.get("quick", Document.class).getLong("available")).isEqualTo(MongoConsumeBenchmark.GRANT - 21);
    } finally {
      bench.stop();
    }
  }

  @Test
  @DisplayName("getUserCredits reads the user's balance after the grant and ten spends, and writes nothing")
  void readShowsTheBalance() {
    MongoReadBenchmark bench = new MongoReadBenchmark();
    bench.primeOps = 3;
    bench.start();
    try {
      long expected = MongoReadBenchmark.GRANT - MongoReadBenchmark.SPENDS;
      assertThat(bench.getUserCredits(counting()).balance(MongoReadBenchmark.GROUP)).isEqualTo(expected);
      assertThat(bench.getUserCredits(counting())).isEqualTo(bench.getUserCredits(counting()));
    } finally {
      bench.stop();
    }
  }

  @Test
  @DisplayName("orderToPaid takes a new buyer's order to PAID with the simulated gateway and grants the pack")
  void orderToPaidPaysAndGrants() {
    MongoOrderBenchmark bench = new MongoOrderBenchmark();
    bench.primeOrders = 2;
    bench.start();
    try {
      RoundTrips trips = counting();
      Order first = bench.orderToPaid(trips);
      Order second = bench.orderToPaid(trips);

      assertThat(first.status()).isEqualTo(OrderStatus.PAID);
      assertThat(first.granted()).isTrue();
      assertThat(second.userId()).isNotEqualTo(first.userId());
      assertThat(bench.credits().getUserCredits(first.userId()).balance("chat")).isEqualTo(MongoOrderBenchmark.PACK_TOKENS);
      assertThat(trips.calls).isEqualTo(2);
      assertThat(trips.commands).as("at least order insert, payment write and grant, twice").isGreaterThanOrEqualTo(6);
    } finally {
      bench.stop();
    }
  }

  @Test
  @DisplayName("eight threads spending through the library from one balance lose no update")
  void contendedLibrarySpendsAllCount() throws Exception {
    MongoContentionBenchmark bench = new MongoContentionBenchmark();
    bench.primeOps = 3;
    bench.start("tokensConsumed");
    try {
      List<Consumption> results = onEightThreads(() -> bench.tokensConsumed(counting()));

      assertThat(results).allMatch(c -> c instanceof Consumption.Spent);
      assertThat(bench.credits().getUserCredits(MongoContentionBenchmark.USER).balance(MongoContentionBenchmark.GROUP))
          .isEqualTo(MongoContentionBenchmark.GRANT - 3 - results.size());
    } finally {
      bench.stop();
    }
  }

  @Test
  @DisplayName("eight threads decrementing the raw balance lose no update")
  void contendedRawSpendsAllCount() throws Exception {
    MongoContentionBenchmark bench = new MongoContentionBenchmark();
    bench.primeOps = 3;
    bench.start("rawFindOneAndUpdate");
    try {
      List<Long> results = onEightThreads(() -> bench.rawFindOneAndUpdate(counting()));

      assertThat(results).doesNotContainNull().doesNotHaveDuplicates();
      assertThat(bench.raw().balance(MongoContentionBenchmark.USER.value()))
          .isEqualTo(MongoContentionBenchmark.GRANT - 3 - results.size());
    } finally {
      bench.stop();
    }
  }

  /** Runs the call 20 times on each of the benchmark's threads at once; returns every result. */
  private static <T> List<T> onEightThreads(Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(MongoContentionBenchmark.THREADS);
    try {
      List<Future<List<T>>> futures = new ArrayList<>();
      for (int t = 0; t < MongoContentionBenchmark.THREADS; t++) {
        futures.add(pool.submit(() -> {
          List<T> mine = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            mine.add(call.call());
          }
          return mine;
        }));
      }
      List<T> all = new ArrayList<>();
      for (Future<List<T>> f : futures) {
        all.addAll(f.get());
      }
      assertThat(all).hasSize(MongoContentionBenchmark.THREADS * 20);
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}

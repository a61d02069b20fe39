package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Catalogs.ALICE;
import static dev.credits.testkit.contract.Catalogs.CHAT;
import static dev.credits.testkit.contract.Catalogs.PRO;
import static dev.credits.testkit.contract.Catalogs.balance;
import static dev.credits.testkit.contract.Catalogs.buy;
import static dev.credits.testkit.contract.Catalogs.chatPack;
import static dev.credits.testkit.contract.Catalogs.onlyGrant;
import static dev.credits.testkit.contract.Catalogs.pack;
import static dev.credits.testkit.contract.Catalogs.proMonthly;
import static dev.credits.testkit.contract.Catalogs.proOnlyPack;
import static dev.credits.testkit.contract.Catalogs.save;
import static dev.credits.testkit.contract.Catalogs.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.Credits;
import dev.credits.core.model.Money;
import dev.credits.core.model.RefundResult;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.PaymentGateway;
import dev.credits.core.spi.Executed;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletStore;
import dev.credits.testkit.ForwardingCreditsStore;
import dev.credits.testkit.ForwardingPaymentGateway;
import dev.credits.testkit.ForwardingWalletStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** Test doubles and concurrency helpers shared by the payment and refund sections. */
final class PaymentDoubles {
  private PaymentDoubles() {}

  /** Runs {@code task(0..threads-1)} on that many threads released together; rethrows the first failure. */
  static void race(int threads, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        done.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          task.accept(n);
          return null;
        }));
      }
      ready.await();
      go.countDown();
      for (Future<?> d : done) {
        d.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A second facade on the fixture's store, clock and recorder, with another gateway. */
  static Credits withGateway(CreditsFixture f, PaymentGateway gateway) {
    AtomicLong ids = new AtomicLong();
    return Credits.builder().store(f.store()).gateway(gateway).events(f.events()).clock(f.clock())
        .paymentWindow(CreditsFixture.PAYMENT_WINDOW).ids(() -> "second-" + ids.incrementAndGet()).build();
  }

  /** Something a test does inside a gateway call. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  /** The fixture's gateway, with a step run after each refund reached the processor and before it returns. */
  static final class Interposed extends ForwardingPaymentGateway {
    private final Step afterRefund;

    Interposed(PaymentGateway delegate, Step afterRefund) {
      super(delegate);
      this.afterRefund = afterRefund;
    }

    @Override
    public RefundResult refund(String reference, Money amount, String idempotencyKey) {
      RefundResult result = super.refund(reference, amount, idempotencyKey);
      try {
        afterRefund.run();
      } catch (Exception e) {
        throw new IllegalStateException("interposed step failed", e);
      }
      return result;
    }
  }

  /** The store under test, where every grant waits at a barrier until all racing threads are granting. */
  static final class GatedStore extends ForwardingCreditsStore {
    private final WalletStore wallets;

    GatedStore(CreditsStore store, CyclicBarrier gate) {
      super(store);
      this.wallets = new ForwardingWalletStore(store.wallets()) {
        @Override
        public <R> Executed<R> run(WalletCommand<R> command, Instant now) {
          if (command instanceof WalletCommand.AddGrant) {
            try {
              gate.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException("the racing threads did not all reach the grant", e);
            }
          }
          return super.run(command, now);
        }
      };
    }

    @Override
    public WalletStore wallets() {
      return wallets;
    }
  }
}

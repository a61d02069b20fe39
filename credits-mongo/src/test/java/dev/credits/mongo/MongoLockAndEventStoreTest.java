package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.Lease;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.LeaseLockStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoDB lease locks and processed events")
class MongoLockAndEventStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");

  private CreditsStore store;
  private LeaseLockStore locks;

  @BeforeEach
  void setUp() {
    store = InProcessMongo.freshStore();
    locks = store.locks();
  }

  @Test
  @DisplayName("a free lock is taken; a live lease of someone else blocks; the holder may take it again")
  void acquire() {
    assertThat(locks.tryAcquire("sweep", "a", T0.plusSeconds(30), T0)).contains(new Lease("sweep", "a",
        T0.plusSeconds(30)));
    assertThat(locks.tryAcquire("sweep", "b", T0.plusSeconds(40), T0.plusSeconds(10))).isEmpty();
    assertThat(locks.tryAcquire("sweep", "a", T0.plusSeconds(50), T0.plusSeconds(10))).isPresent();
  }

  @Test
  @DisplayName("an expired lease is taken over, and its old holder can then neither extend nor release it")
  void takeOver() {
    locks.tryAcquire("sweep", "a", T0.plusSeconds(30), T0);

    assertThat(locks.tryAcquire("sweep", "b", T0.plusSeconds(90), T0.plusSeconds(30))).isPresent();
    assertThat(locks.extend("sweep", "a", T0.plusSeconds(120), T0.plusSeconds(31))).isEmpty();
    assertThat(locks.release("sweep", "a")).isFalse();
    assertThat(locks.extend("sweep", "b", T0.plusSeconds(120), T0.plusSeconds(31))).isPresent();
    assertThat(locks.tryAcquire("sweep", "a", T0.plusSeconds(200), T0.plusSeconds(100))).isEmpty();
  }

  @Test
  @DisplayName("only a live holder extends; a released lock is free for anyone")
  void extendAndRelease() {
    locks.tryAcquire("l", "a", T0.plusSeconds(30), T0);
    assertThat(locks.extend("l", "a", T0.plusSeconds(60), T0.plusSeconds(30))).isEmpty();
    assertThat(locks.extend("nothing", "a", T0.plusSeconds(60), T0)).isEmpty();

    assertThat(locks.release("l", "a")).isTrue();
    assertThat(locks.release("l", "a")).isFalse();
    assertThat(locks.tryAcquire("l", "b", T0.plusSeconds(60), T0.plusSeconds(1))).isPresent();
  }

  @Test
  @DisplayName("of many concurrent contenders for a free lock exactly one wins")
  void oneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Optional<Lease>>> tries = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String holder = "h" + i;
      tries.add(pool.submit(() -> locks.tryAcquire("race", holder, T0.plusSeconds(30), T0)));
    }
    int winners = 0;
    for (Future<Optional<Lease>> t : tries) {
      winners += t.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
    }
    pool.shutdown();

    assertThat(winners).isEqualTo(1);
  }

  @Test
  @DisplayName("an event is unprocessed until marked, and marking twice is fine")
  void events() {
    assertThat(store.processedEvents().isProcessed("evt_1")).isFalse();

    store.processedEvents().markProcessed("evt_1", T0);
    store.processedEvents().markProcessed("evt_1", T0.plusSeconds(1));

    assertThat(store.processedEvents().isProcessed("evt_1")).isTrue();
    assertThat(store.processedEvents().isProcessed("evt_2")).isFalse();
  }
}

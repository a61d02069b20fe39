package dev.credits.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.StoreUnavailableException;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the fault-injecting store")
class FaultInjectingStoreTest {
  private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");
  private static final WalletKey KEY = new WalletKey(UserId.of("u"), "chat");

  private static WalletCommand.Consume consume(String key) {
    return new WalletCommand.Consume(KEY, 1, 10, key);
  }

  @Test
  @DisplayName("a fault before the k-th write leaves it unapplied")
  void before() {
    FaultInjectingStore store = FaultInjectingStore.failing(new InMemoryCreditsStore(), 2, FaultInjectingStore.Timing.BEFORE);
    store.wallets().execute(consume("a"), NOW);

    assertThatThrownBy(() -> store.wallets().execute(consume("b"), NOW))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("before write #2");
    assertThat(store.delegate().wallets().find(KEY).orElseThrow().debt()).isEqualTo(1);
    assertThat(store.fired()).contains("#2 WalletStore.execute(Consume)");
  }

  @Test
  @DisplayName("a fault after the k-th write applies it and loses the acknowledgement, once")
  void after() {
    FaultInjectingStore store = FaultInjectingStore.failing(new InMemoryCreditsStore(), 1, FaultInjectingStore.Timing.AFTER);

    assertThatThrownBy(() -> store.wallets().execute(consume("a"), NOW))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("after write #1");
    assertThat(store.delegate().wallets().find(KEY).orElseThrow().debt()).isEqualTo(1);
    store.wallets().execute(consume("a"), NOW);
    assertThat(store.delegate().wallets().find(KEY).orElseThrow().debt()).isEqualTo(1);
    assertThat(store.writeLog()).containsExactly("WalletStore.execute(Consume)", "WalletStore.execute(Consume)");
  }

  @Test
  @DisplayName("reads are neither counted nor failed")
  void reads() {
    FaultInjectingStore store = FaultInjectingStore.failing(new InMemoryCreditsStore(), 1, FaultInjectingStore.Timing.BEFORE);
    store.wallets().find(KEY);
    store.orders().findByUser(KEY.userId());
    store.processedEvents().isProcessed("evt");

    assertThat(store.writes()).isZero();
    assertThat(store.fired()).isEmpty();
  }
}

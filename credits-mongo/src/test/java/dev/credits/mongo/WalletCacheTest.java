package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.model.UserId;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the cache of wallet documents a store wrote")
class WalletCacheTest {
  private static StoredWallet at(String user, long version) {
    WalletKey key = new WalletKey(UserId.of(user), "g");
    return new StoredWallet(new Wallet(key, List.of(), List.of(), 0, 0, version), List.of(), List.of(),
        MovedOutKeys.NONE, 0);
  }

  @Test
  @DisplayName("keeps the newest version of each wallet, never an older one")
  void newestWins() {
    WalletCache cache = new WalletCache(8);
    cache.put("a", at("a", 5));
    cache.put("a", at("a", 4));

    assertThat(cache.get("a").wallet().version()).isEqualTo(5);
  }

  @Test
  @DisplayName("drops the least recently used wallet beyond its capacity")
  void bounded() {
    WalletCache cache = new WalletCache(2);
    cache.put("a", at("a", 1));
    cache.put("b", at("b", 1));
    cache.get("a");
    cache.put("c", at("c", 1));

    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).isNotNull();
    assertThat(cache.get("c")).isNotNull();
  }

  @Test
  @DisplayName("a stale version is dropped only if no newer one replaced it meanwhile; forget drops any")
  void staleAndForget() {
    WalletCache cache = new WalletCache(8);
    cache.put("a", at("a", 6));
    cache.stale("a", 5);
    assertThat(cache.get("a")).isNotNull();
    cache.stale("a", 6);
    assertThat(cache.get("a")).isNull();
    cache.put("a", at("a", 7));
    cache.forget("a");
    assertThat(cache.get("a")).isNull();
  }

  @Test
  @DisplayName("a capacity of 0 caches nothing")
  void off() {
    WalletCache cache = new WalletCache(0);
    cache.put("a", at("a", 1));

    assertThat(cache.get("a")).isNull();
  }
}

package dev.credits.mongo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wallet documents this store last wrote, least recently used dropped first, so that the next
 * command on a wallet can skip its read: it is applied to the cached state and written with a
 * compare-and-set on the cached version. The version is the whole guarantee: it grows with every
 * write, so a write that matches proves the cached state is the stored one, and a write that does
 * not match (another process or thread changed the wallet) drops the entry and re-reads.
 *
 * <p>Only states this store wrote and the server acknowledged (majority write concern) enter it,
 * never states merely read: a read from the primary may show a write that a failover later rolls
 * back, and its version could then be reused for other content. Thread-safe; an entry is shared by
 * every thread of the store, so nothing may mutate a cached state's documents (nothing does: each
 * write builds new ones).
 */
final class WalletCache {
  private final int capacity;
  private final Map<String, StoredWallet> entries;

  WalletCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, StoredWallet> eldest) {
        return size() > WalletCache.this.capacity;
      }
    };
  }

  /** The cached state, or null. */
  synchronized StoredWallet get(String id) {
    return capacity == 0 ? null : entries.get(id);
  }

  /** Remembers a committed state, unless a newer version is already cached. */
  synchronized void put(String id, StoredWallet stored) {
    if (capacity == 0) {
      return;
    }
    StoredWallet old = entries.get(id);
    if (old == null || old.wallet().version() < stored.wallet().version()) {
      entries.put(id, stored);
    }
  }

  /** Drops the entry if it is still at {@code version} (a write from it failed: it is stale). */
  synchronized void stale(String id, long version) {
    StoredWallet old = entries.get(id);
    if (old != null && old.wallet().version() == version) {
      entries.remove(id);
    }
  }

  /** Drops the entry (a write's outcome is unknown). */
  synchronized void forget(String id) {
    entries.remove(id);
  }
}

package dev.credits.core.memory;

import dev.credits.core.model.Lease;
import dev.credits.core.spi.LeaseLockStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Lease locks in a concurrent map; each operation is one atomic {@link Map#compute}. */
final class InMemoryLockStore implements LeaseLockStore {
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();

  @Override
  public Optional<Lease> tryAcquire(String name, String holder, Instant until, Instant now) {
    Lease wanted = new Lease(name, holder, until);
    Lease result = leases.compute(name, (n, current) ->
        current == null || !current.until().isAfter(now) || current.holder().equals(holder) ? wanted : current);
    return result == wanted ? Optional.of(wanted) : Optional.empty();
  }

  @Override
  public Optional<Lease> extend(String name, String holder, Instant until, Instant now) {
    Lease wanted = new Lease(name, holder, until);
    Lease result = leases.computeIfPresent(name, (n, current) ->
        current.holder().equals(holder) && current.until().isAfter(now) ? wanted : current);
    return result == wanted ? Optional.of(wanted) : Optional.empty();
  }

  @Override
  public boolean release(String name, String holder) {
    boolean[] released = {false};
    leases.computeIfPresent(name, (n, current) -> {
      if (current.holder().equals(holder)) {
        released[0] = true;
        return null;
      }
      return current;
    });
    return released[0];
  }
}

package dev.credits.core;

import dev.credits.core.internal.Checks;
import dev.credits.core.model.Lease;
import dev.credits.core.spi.LeaseLockStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Named lease locks on the configured store, timed by the library's clock: a holder takes a lock
 * for a while, may extend or release it (nobody else may), and anyone may take it over once the
 * lease has run out. Thread-safe.
 */
public final class LeaseLocks {
  private final LeaseLockStore store;
  private final Clock clock;

  LeaseLocks(LeaseLockStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Takes a lock if free, expired, or already ours.
   *
   * @param name lock name
   * @param holder who asks (an instance id)
   * @param lease how long to hold it
   * @return the lease, or empty when someone else holds it
   * @throws InvalidRequestException on blank names, or a lease that is not positive or overflows
   */
  public Optional<Lease> tryAcquire(String name, String holder, Duration lease) {
    check(name, holder, lease);
    var now = clock.instant();
    return store.tryAcquire(name, holder, Checks.plus(now, lease, "lease end"), now);
  }

  /**
   * Extends our live lease.
   *
   * @param name lock name
   * @param holder who asks
   * @param lease new length from now
   * @return the lease, or empty when not ours or already run out
   * @throws InvalidRequestException on blank names, or a lease that is not positive or overflows
   */
  public Optional<Lease> extend(String name, String holder, Duration lease) {
    check(name, holder, lease);
    var now = clock.instant();
    return store.extend(name, holder, Checks.plus(now, lease, "lease end"), now);
  }

  /**
   * Releases our lease.
   *
   * @param name lock name
   * @param holder who asks
   * @return true when we held it
   * @throws InvalidRequestException on blank names
   */
  public boolean release(String name, String holder) {
    Checks.text(name, "lock name");
    Checks.text(holder, "lock holder");
    return store.release(name, holder);
  }

  private static void check(String name, String holder, Duration lease) {
    Checks.text(name, "lock name");
    Checks.text(holder, "lock holder");
    Checks.present(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new InvalidRequestException("lease must be positive, was " + lease);
    }
  }
}

package dev.credits.core.spi;

import dev.credits.core.model.Lease;
import java.time.Instant;
import java.util.Optional;

/** Named lease locks. Every method is atomic per lock name and thread-safe. */
public interface LeaseLockStore {
  /**
   * Takes the lock if it is free, expired ({@code until <= now}), or already held by this holder.
   *
   * @param name lock name
   * @param holder who asks
   * @param until the lease end
   * @param now current time
   * @return the lease when taken, empty when someone else holds a live lease
   */
  Optional<Lease> tryAcquire(String name, String holder, Instant until, Instant now);

  /**
   * Extends a live lease; only its holder may.
   *
   * @param name lock name
   * @param holder who asks
   * @param until new lease end
   * @param now current time
   * @return the extended lease, empty when not held by this holder or already expired
   */
  Optional<Lease> extend(String name, String holder, Instant until, Instant now);

  /**
   * Releases a lease; only its holder may.
   *
   * @param name lock name
   * @param holder who asks
   * @return true when this holder held it and it is now free
   */
  boolean release(String name, String holder);
}

package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Wallets.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.LeaseLocks;
import dev.credits.core.model.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on lease locks: acquire, extend, release, take-over. */
public abstract class LocksContract extends ContractSection {
  private static final String LOCK = "ticket-42";
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** Creates the section. */
  protected LocksContract() {}

  private LeaseLocks locks() {
    return f.credits().locks();
  }

  private Instant in(Duration d) {
    return f.clock().instant().plus(d);
  }

  @Test
  @DisplayName("a free lock is acquired for the lease asked")
  void acquireFree() {
    assertThat(locks().tryAcquire(LOCK, "a", MINUTE)).contains(new Lease(LOCK, "a", in(MINUTE)));
  }

  @Test
  @DisplayName("the same holder re-acquires its lock, and the lease restarts from now")
  void sameHolderReacquires() {
    locks().tryAcquire(LOCK, "a", MINUTE);
    f.clock().advance(Duration.ofSeconds(30));
    assertThat(locks().tryAcquire(LOCK, "a", MINUTE)).contains(new Lease(LOCK, "a", in(MINUTE)));
    f.clock().advance(Duration.ofSeconds(45));
    assertThat(locks().tryAcquire(LOCK, "b", MINUTE)).as("the re-acquired lease still lives").isEmpty();
  }

  @Test
  @DisplayName("another holder is refused while the lease lives, and takes the lock over once it has run out")
  void takeOverAfterExpiry() {
    locks().tryAcquire(LOCK, "a", MINUTE);
    assertThat(locks().tryAcquire(LOCK, "b", Duration.ofHours(1))).isEmpty();
    f.clock().advance(MINUTE.minusMillis(1));
    assertThat(locks().tryAcquire(LOCK, "b", MINUTE)).isEmpty();
    f.clock().advance(Duration.ofMillis(1));
    assertThat(locks().tryAcquire(LOCK, "b", MINUTE)).contains(new Lease(LOCK, "b", in(MINUTE)));
    assertThat(locks().tryAcquire(LOCK, "a", MINUTE)).as("the old holder is now refused").isEmpty();
    assertThat(locks().extend(LOCK, "a", MINUTE)).as("the old holder cannot extend").isEmpty();
    assertThat(locks().release(LOCK, "a")).as("the old holder cannot release").isFalse();
    assertThat(locks().tryAcquire(LOCK, "c", MINUTE)).as("b still holds it").isEmpty();
  }

  @Test
  @DisplayName("only the holder extends a live lease, and the extension keeps others out")
  void extendByHolderOnly() {
    locks().tryAcquire(LOCK, "a", MINUTE);
    f.clock().advance(Duration.ofSeconds(50));
    assertThat(locks().extend(LOCK, "b", Duration.ofMinutes(5))).isEmpty();
    assertThat(locks().extend(LOCK, "a", Duration.ofMinutes(5)))
        .contains(new Lease(LOCK, "a", in(Duration.ofMinutes(5))));
    f.clock().advance(Duration.ofMinutes(4));
    assertThat(locks().tryAcquire(LOCK, "b", MINUTE)).as("past the first lease, within the extension").isEmpty();
    f.clock().advance(MINUTE);
    assertThat(locks().tryAcquire(LOCK, "b", MINUTE)).isPresent();
  }

  @Test
  @DisplayName("a lease that has run out cannot be extended, not even by its holder; an unknown lock neither")
  void extendExpiredOrUnknown() {
    locks().tryAcquire(LOCK, "a", MINUTE);
    f.clock().advance(MINUTE);
    assertThat(locks().extend(LOCK, "a", MINUTE)).isEmpty();
    assertThat(locks().extend("never-taken", "a", MINUTE)).isEmpty();
    assertThat(locks().tryAcquire(LOCK, "b", MINUTE)).isPresent();
  }

  @Test
  @DisplayName("only the holder releases, and then anyone may take the lock")
  void releaseByHolderOnly() {
    locks().tryAcquire(LOCK, "a", Duration.ofHours(1));
    assertThat(locks().release(LOCK, "b")).isFalse();
    assertThat(locks().tryAcquire(LOCK, "b", MINUTE)).as("a failed release leaves the lease").isEmpty();
    assertThat(locks().release(LOCK, "a")).isTrue();
    assertThat(locks().release(LOCK, "a")).as("releasing twice").isFalse();
    assertThat(locks().release("never-taken", "a")).isFalse();
    assertThat(locks().tryAcquire(LOCK, "b", MINUTE)).contains(new Lease(LOCK, "b", in(MINUTE)));
  }

  @Test
  @DisplayName("locks with different names are independent")
  void namesAreIndependent() {
    assertThat(locks().tryAcquire("x", "a", MINUTE)).isPresent();
    assertThat(locks().tryAcquire("y", "b", MINUTE)).isPresent();
    assertThat(locks().release("y", "a")).isFalse();
    assertThat(locks().release("x", "a")).isTrue();
    assertThat(locks().tryAcquire("y", "a", MINUTE)).isEmpty();
  }

  @Test
  @DisplayName("blank names, blank holders, and leases that are not positive or overflow the calendar are rejected")
  void badInput() {
    for (String blank : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> locks().tryAcquire(blank, "a", MINUTE)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> locks().tryAcquire(LOCK, blank, MINUTE)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> locks().extend(blank, "a", MINUTE)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> locks().extend(LOCK, blank, MINUTE)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> locks().release(blank, "a")).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> locks().release(LOCK, blank)).isInstanceOf(InvalidRequestException.class);
    }
    for (Duration lease : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1),
        Duration.ofSeconds(Long.MAX_VALUE)}) {
      assertThatThrownBy(() -> locks().tryAcquire(LOCK, "a", lease)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> locks().extend(LOCK, "a", lease)).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(locks().tryAcquire(LOCK, "b", MINUTE)).as("nothing was taken by a rejected call").isPresent();
  }

  @Test
  @DisplayName("of 8 holders racing for a free lock exactly one wins")
  void raceForAFreeLock() throws Exception {
    for (int round = 0; round < 20; round++) {
      String name = "race-" + round;
      List<Optional<Lease>> results = concurrently(8, 8, i -> locks().tryAcquire(name, "holder-" + i, MINUTE));
      assertThat(results).filteredOn(Optional::isPresent).as("winners of %s", name).hasSize(1);
    }
  }

  @Test
  @DisplayName("of 8 holders racing to take over a run-out lease exactly one wins")
  void raceForAnExpiredLock() throws Exception {
    for (int round = 0; round < 20; round++) {
      String name = "race-" + round;
      locks().tryAcquire(name, "old", MINUTE);
    }
    f.clock().advance(Duration.ofMinutes(2));
    for (int round = 0; round < 20; round++) {
      String name = "race-" + round;
      List<Optional<Lease>> results = concurrently(8, 8, i -> locks().tryAcquire(name, "holder-" + i, MINUTE));
      assertThat(results).filteredOn(Optional::isPresent).as("winners of %s", name).hasSize(1);
    }
  }
}

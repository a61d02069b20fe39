package dev.credits.core.dagger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The facade settings that {@link CreditsModule} applies when a component binds one: how long a
 * pending order waits for payment, and the overdraft (post-paid) limit per offer group. Without a
 * binding the module uses {@link #defaults()}, which is what {@code Credits.builder()} uses too.
 *
 * @param paymentWindow how long a pending order waits for payment, positive
 * @param overdraftLimits per offer group, how far below zero its balance may go (each at least 1)
 */
public record CreditsSettings(Duration paymentWindow, Map<String, Long> overdraftLimits) {
  /** The builder's default payment window. */
  public static final Duration DEFAULT_PAYMENT_WINDOW = Duration.ofMinutes(30);

  /**
   * Validates the settings and copies the limits.
   *
   * @param paymentWindow how long a pending order waits for payment, positive
   * @param overdraftLimits per offer group, how far below zero its balance may go (each at least 1)
   * @throws NullPointerException when a field, a group or a limit is null
   * @throws IllegalArgumentException when the window is not positive, a group is blank or a limit
   *     is below 1
   */
  public CreditsSettings {
    Objects.requireNonNull(paymentWindow, "paymentWindow == null");
    Objects.requireNonNull(overdraftLimits, "overdraftLimits == null");
    if (paymentWindow.isNegative() || paymentWindow.isZero()) {
      throw new IllegalArgumentException("paymentWindow must be positive, was " + paymentWindow);
    }
    for (Map.Entry<String, Long> e : overdraftLimits.entrySet()) {
      if (Objects.requireNonNull(e.getKey(), "offer group == null").isBlank()) {
        throw new IllegalArgumentException("an overdraft group must not be blank");
      }
      if (Objects.requireNonNull(e.getValue(), "overdraft limit == null") < 1) {
        throw new IllegalArgumentException("overdraft limit of " + e.getKey() + " must be at least 1, was "
            + e.getValue());
      }
    }
    overdraftLimits = Map.copyOf(overdraftLimits);
  }

  /**
   * The defaults: a 30 minute payment window and no overdraft.
   *
   * @return the default settings
   */
  public static CreditsSettings defaults() {
    return new CreditsSettings(DEFAULT_PAYMENT_WINDOW, Map.of());
  }

  /**
   * These settings with another payment window.
   *
   * @param window a positive duration
   * @return the new settings
   * @throws IllegalArgumentException when the window is not positive
   */
  public CreditsSettings withPaymentWindow(Duration window) {
    return new CreditsSettings(window, overdraftLimits);
  }

  /**
   * These settings with an overdraft limit for one more group (or a new limit for a known one).
   *
   * @param offerGroup the group
   * @param limit tokens, at least 1
   * @return the new settings
   * @throws IllegalArgumentException when the group is blank or the limit below 1
   */
  public CreditsSettings withOverdraft(String offerGroup, long limit) {
    Map<String, Long> limits = new LinkedHashMap<>(overdraftLimits);
    limits.put(offerGroup, limit);
    return new CreditsSettings(paymentWindow, limits);
  }
}

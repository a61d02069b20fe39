package dev.credits.core.internal;

import dev.credits.core.InvalidRequestException;

/** Argument checks shared by the model and the facade. Not API: may change without notice. */
public final class Checks {
  private Checks() {}

  /**
   * Rejects null or blank text.
   *
   * @param value the text
   * @param name how the caller calls it, for the message
   * @return the value, unchanged
   * @throws InvalidRequestException when null or blank
   */
  public static String text(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(name + " must not be null or blank");
    }
    return value;
  }

  /**
   * Rejects an id that is null, blank, longer than {@link dev.credits.core.model.Limits#MAX_ID_LENGTH}
   * or holds a control character.
   *
   * @param value the id
   * @param name how the caller calls it, for the message
   * @return the value, unchanged
   * @throws InvalidRequestException when it breaks a rule
   */
  public static String id(String value, String name) {
    return bounded(text(value, name), name, dev.credits.core.model.Limits.MAX_ID_LENGTH);
  }

  /**
   * Rejects an idempotency key that is blank, longer than
   * {@link dev.credits.core.model.Limits#MAX_KEY_LENGTH} or holds a control character; null passes
   * (no key).
   *
   * @param value the key, or null
   * @param name how the caller calls it, for the message
   * @return the value, unchanged
   * @throws InvalidRequestException when it breaks a rule
   */
  public static String key(String value, String name) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw new InvalidRequestException(name + " must be null or not blank");
    }
    return bounded(value, name, dev.credits.core.model.Limits.MAX_KEY_LENGTH);
  }

  /**
   * As {@link #key}, for a key the call requires: null is refused too.
   *
   * @param value the key
   * @param name how the caller calls it, for the message
   * @return the value, unchanged
   * @throws InvalidRequestException when null or it breaks a rule
   */
  public static String requiredKey(String value, String name) {
    return key(text(value, name), name);
  }

  private static String bounded(String value, String name, int max) {
    if (value.length() > max) {
      throw new InvalidRequestException(name + " is " + value.length() + " characters long; at most " + max
          + " are allowed");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidRequestException(name + " must not contain control characters (found U+"
            + String.format("%04X", (int) value.charAt(i)) + " at " + i + ")");
      }
    }
    return value;
  }

  /**
   * Rejects null.
   *
   * @param value the value
   * @param name how the caller calls it, for the message
   * @param <T> its type
   * @return the value, unchanged
   * @throws InvalidRequestException when null
   */
  public static <T> T present(T value, String name) {
    if (value == null) {
      throw new InvalidRequestException(name + " must not be null");
    }
    return value;
  }

  /**
   * Rejects values below 1.
   *
   * @param value the value
   * @param name how the caller calls it, for the message
   * @return the value, unchanged
   * @throws InvalidRequestException when below 1
   */
  public static long positive(long value, String name) {
    if (value < 1) {
      throw new InvalidRequestException(name + " must be at least 1, was " + value);
    }
    return value;
  }

  /**
   * Rejects negative values.
   *
   * @param value the value
   * @param name how the caller calls it, for the message
   * @return the value, unchanged
   * @throws InvalidRequestException when negative
   */
  public static long notNegative(long value, String name) {
    if (value < 0) {
      throw new InvalidRequestException(name + " must not be negative, was " + value);
    }
    return value;
  }

  /**
   * Multiplies, failing on overflow with a typed error instead of wrapping.
   *
   * @param a a factor
   * @param b a factor
   * @param what what is being computed, for the message
   * @return the product
   * @throws InvalidRequestException on overflow
   */
  public static long times(long a, long b, String what) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw new InvalidRequestException(what + " overflows: " + a + " x " + b);
    }
  }

  /**
   * An instant plus a duration, failing with a typed error when the result leaves the range of
   * {@link java.time.Instant}.
   *
   * @param start the instant
   * @param amount the duration to add
   * @param what what is being computed, for the message
   * @return the later instant
   * @throws InvalidRequestException when the result overflows
   */
  public static java.time.Instant plus(java.time.Instant start, java.time.Duration amount, String what) {
    try {
      return start.plus(amount);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new InvalidRequestException(what + " overflows: " + start + " + " + amount);
    }
  }

  /**
   * Adds, failing on overflow with a typed error instead of wrapping.
   *
   * @param a a term
   * @param b a term
   * @param what what is being computed, for the message
   * @return the sum
   * @throws InvalidRequestException on overflow
   */
  public static long plus(long a, long b, String what) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new InvalidRequestException(what + " overflows: " + a + " + " + b);
    }
  }
}

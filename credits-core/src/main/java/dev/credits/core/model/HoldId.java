package dev.credits.core.model;

import dev.credits.core.internal.Checks;

/**
 * Identifies a token hold. Never null or blank; compared by value.
 *
 * @param value the identifier text
 */
public record HoldId(String value) {
  /**
   * Validates the identifier.
   *
   * @param value the identifier text
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public HoldId {
    Checks.id(value, "HoldId");
  }

  /**
   * Creates an identifier.
   *
   * @param value the identifier text, not blank
   * @return the identifier
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public static HoldId of(String value) {
    return new HoldId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

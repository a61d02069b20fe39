package dev.credits.core.model;

import dev.credits.core.internal.Checks;

/**
 * Identifies a catalog offer. Never null or blank; compared by value.
 *
 * @param value the identifier text
 */
public record OfferId(String value) {
  /**
   * Validates the identifier.
   *
   * @param value the identifier text
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public OfferId {
    Checks.id(value, "OfferId");
  }

  /**
   * Creates an identifier.
   *
   * @param value the identifier text, not blank
   * @return the identifier
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public static OfferId of(String value) {
    return new OfferId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

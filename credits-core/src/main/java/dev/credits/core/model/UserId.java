package dev.credits.core.model;

import dev.credits.core.internal.Checks;

/**
 * Identifies a user of the application embedding Credits. Never null or blank; compared by value.
 *
 * @param value the identifier text
 */
public record UserId(String value) {
  /**
   * Validates the identifier.
   *
   * @param value the identifier text
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public UserId {
    Checks.id(value, "UserId");
  }

  /**
   * Creates an identifier.
   *
   * @param value the identifier text, not blank
   * @return the identifier
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

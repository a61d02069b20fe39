package dev.credits.core.model;

import dev.credits.core.internal.Checks;

/**
 * Identifies an order. Never null or blank; compared by value.
 *
 * @param value the identifier text
 */
public record OrderId(String value) {
  /**
   * Validates the identifier.
   *
   * @param value the identifier text
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public OrderId {
    Checks.id(value, "OrderId");
  }

  /**
   * Creates an identifier.
   *
   * @param value the identifier text, not blank
   * @return the identifier
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public static OrderId of(String value) {
    return new OrderId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

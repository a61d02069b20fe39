package dev.credits.core.ticket;

import dev.credits.core.internal.Checks;

/**
 * Identifies a listed ticket. Never null or blank; compared by value.
 *
 * @param value the identifier text
 */
public record TicketId(String value) {
  /**
   * Validates the identifier.
   *
   * @param value the identifier text
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public TicketId {
    Checks.id(value, "TicketId");
  }

  /**
   * Creates an identifier.
   *
   * @param value the identifier text, not blank
   * @return the identifier
   * @throws dev.credits.core.InvalidRequestException when the value is null or blank
   */
  public static TicketId of(String value) {
    return new TicketId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

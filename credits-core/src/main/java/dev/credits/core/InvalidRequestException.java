package dev.credits.core;

/**
 * The request is malformed or breaks a domain rule (blank id, count below 1, overflowing amount, illegal status transition, locked offer, unknown currency). Nothing was written.
 */
public class InvalidRequestException extends CreditsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, never containing secrets
   */
  public InvalidRequestException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, never containing secrets
   * @param cause the underlying failure
   */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}

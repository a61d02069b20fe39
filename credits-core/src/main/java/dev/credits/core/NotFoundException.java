package dev.credits.core;

/**
 * A referenced offer, order, hold or ticket does not exist. Nothing was written.
 */
public class NotFoundException extends CreditsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, never containing secrets
   */
  public NotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, never containing secrets
   * @param cause the underlying failure
   */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}

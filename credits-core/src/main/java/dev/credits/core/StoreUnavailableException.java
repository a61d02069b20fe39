package dev.credits.core;

/**
 * The store could not be reached or timed out. The outcome of the write is unknown: retry the same call with the same idempotency key, or let the sweep complete it.
 */
public class StoreUnavailableException extends CreditsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, never containing secrets
   */
  public StoreUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, never containing secrets
   * @param cause the underlying failure
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.credits.core;

/**
 * A concurrent or repeated request collided with this one: an idempotency key reused with a different request, a stale version, a resource already taken. Re-read and decide; retrying the identical request with the same idempotency key is always safe.
 */
public class ConflictException extends CreditsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, never containing secrets
   */
  public ConflictException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, never containing secrets
   * @param cause the underlying failure
   */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}

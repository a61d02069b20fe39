package dev.credits.core;

/**
 * The caller acted on something it does not own (another user's order, another seller's ticket). Nothing was written.
 */
public class NotAuthorizedException extends CreditsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, never containing secrets
   */
  public NotAuthorizedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, never containing secrets
   * @param cause the underlying failure
   */
  public NotAuthorizedException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.credits.core;

/**
 * Root of every exception Credits throws on purpose. Unchecked: misuse and broken invariants are
 * programming or operational errors, while business outcomes (not enough tokens, a declined card)
 * are return values.
 *
 * <p>Whenever a facade method throws a {@code CreditsException} caused by bad input
 * ({@link InvalidRequestException}, {@link NotFoundException}, {@link NotAuthorizedException}),
 * nothing was written.
 */
public class CreditsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, never containing secrets
   */
  public CreditsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, never containing secrets
   * @param cause the underlying failure
   */
  public CreditsException(String message, Throwable cause) {
    super(message, cause);
  }
}

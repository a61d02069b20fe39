package dev.credits.core;

/**
 * The request is well formed, but what it asks is not allowed in the current state of what it
 * names: paying an order that is no longer pending, cancelling a paid one, refunding one that is not
 * paid, cancelling while its payment is processing, editing the price of a reserved ticket, ordering
 * a locked offer. Answer it with HTTP 409; {@link InvalidRequestException} (malformed input) is a
 * 400. Nothing was written.
 */
public class InvalidStateException extends CreditsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is not allowed and why, never containing secrets
   */
  public InvalidStateException(String message) {
    super(message);
  }
}

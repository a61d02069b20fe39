package dev.credits.core;

/**
 * The payment processor failed or could not be reached. The order stays as it was (usually pending) and the same call can be retried; a timeout is never treated as a decline.
 */
public class PaymentGatewayException extends CreditsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, never containing secrets
   */
  public PaymentGatewayException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, never containing secrets
   * @param cause the underlying failure
   */
  public PaymentGatewayException(String message, Throwable cause) {
    super(message, cause);
  }
}

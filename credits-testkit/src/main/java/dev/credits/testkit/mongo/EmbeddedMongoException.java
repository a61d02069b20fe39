package dev.credits.testkit.mongo;

/**
 * The test MongoDB server that the configuration asks for cannot be used. The message says which
 * setting chose it, why it failed, and what to set instead.
 */
public final class EmbeddedMongoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure with no underlying exception (a configuration mistake).
   *
   * @param message what is wrong and what to set
   */
  public EmbeddedMongoException(String message) {
    super(message);
  }

  /**
   * A failure caused by another exception.
   *
   * @param message what is wrong and what to set
   * @param cause what failed underneath
   */
  public EmbeddedMongoException(String message, Throwable cause) {
    super(message, cause);
  }
}

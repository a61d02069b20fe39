package dev.credits.core.spi;

/**
 * The result of one {@link WalletStore#run} call, and whether this call applied its command or
 * answered from an earlier command with the same idempotency key. The facade publishes an event
 * only for an applied command, so that a retried call never reports a change twice.
 *
 * @param result the command's result (the recorded one for a replay)
 * @param replayed true when nothing was applied because the key was recorded before
 * @param <R> the result type
 */
public record Executed<R>(R result, boolean replayed) {
  /**
   * A command this call applied (or evaluated, when it changed nothing).
   *
   * @param result its result
   * @param <R> the result type
   * @return the outcome
   */
  public static <R> Executed<R> applied(R result) {
    return new Executed<>(result, false);
  }

  /**
   * A result answered from an earlier command with the same key.
   *
   * @param result the recorded result
   * @param <R> the result type
   * @return the outcome
   */
  public static <R> Executed<R> replay(R result) {
    return new Executed<>(result, true);
  }
}

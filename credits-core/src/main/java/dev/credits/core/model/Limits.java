package dev.credits.core.model;

/**
 * The documented limits on what callers and processors may send, so that no input can make a stored
 * wallet or order unwritable. Reaching a limit is an {@link dev.credits.core.InvalidRequestException}
 * thrown before anything is written.
 */
public final class Limits {
  /**
   * Longest id (user, offer, order, hold, ticket, offer group, processor event or payment id), in
   * characters. Ids must not be blank and must not contain control characters (U+0000 to U+001F,
   * U+007F to U+009F).
   */
  public static final int MAX_ID_LENGTH = 255;

  /**
   * Longest caller idempotency key, in characters; the same character rules as ids. Shorter than
   * {@link #MAX_ID_LENGTH} so that ids derived from a key (a hold's {@code hold_<key>}) and the
   * processor keys derived from it ({@code credits-refund-<key>}, 255 at Stripe) still fit.
   */
  public static final int MAX_KEY_LENGTH = 200;

  /**
   * Failed payment attempts recorded in one order's history. Later declines of the same order are
   * neither recorded nor published; the order stays payable until it closes.
   */
  public static final int MAX_RECORDED_ATTEMPTS = 20;

  /**
   * Payments one order may start: the first and the ones that replace a payment closed at the
   * processor. Starting another throws; create a new order.
   */
  public static final int MAX_PAYMENTS_PER_ORDER = 10;

  /**
   * Active holds one wallet may have at once (each reserves at least one token, so without a bound a
   * large balance could grow the wallet without end). A further hold is refused until one is
   * captured, released or expired.
   */
  public static final int MAX_ACTIVE_HOLDS = 1_000;

  private Limits() {}
}

package dev.credits.core.spi;

import dev.credits.core.internal.Checks;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Grant;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.HoldSettlement;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OrderId;
import java.time.Instant;
import java.util.List;

/**
 * One atomic change to one wallet, as data. A {@link WalletStore} executes it atomically: it reads
 * the wallet, calls {@link #apply(Wallet, Instant)} (pure: the rules live in {@link WalletEngine}),
 * and writes the result, retrying on a concurrent change. Adapters that can express a command
 * natively (a MongoDB update pipeline for {@link Consume}) may do so, but must produce the same
 * outcome; the testkit's contract kit checks that.
 *
 * <p>A command with an idempotency key is applied at most once per (wallet, key): a store that has
 * recorded the key returns the recorded result when the command is equal to the recorded one, and
 * throws {@link dev.credits.core.ConflictException} when it differs.
 *
 * @param <R> the result type
 */
public sealed interface WalletCommand<R> {
  /**
   * The wallet it changes.
   *
   * @return the key
   */
  WalletKey key();

  /**
   * The caller's idempotency key.
   *
   * @return the key, or null when the command is not idempotent by key
   */
  String idempotencyKey();

  /**
   * Applies the command to a wallet. Pure: no I/O, same inputs give the same change.
   *
   * @param wallet the current state ({@link Wallet#empty} if none)
   * @param now the instant of the operation
   * @return the change to write
   */
  WalletChange<R> apply(Wallet wallet, Instant now);

  /**
   * Spend tokens, earliest-expiring grant first; go into debt down to {@code -overdraftLimit}.
   *
   * @param key wallet
   * @param count tokens, at least 1
   * @param overdraftLimit how far below zero the balance may go, 0 for pre-paid
   * @param idempotencyKey caller key or null
   */
  record Consume(WalletKey key, long count, long overdraftLimit, String idempotencyKey)
      implements WalletCommand<Consumption> {
    /**
     * Validates the command.
     *
     * @param key wallet
     * @param count tokens, at least 1
     * @param overdraftLimit how far below zero the balance may go, 0 for pre-paid
     * @param idempotencyKey caller key or null
     * @throws dev.credits.core.InvalidRequestException on a count below 1 or a negative limit
     */
    public Consume {
      Checks.present(key, "wallet key");
      Checks.positive(count, "count");
      Checks.notNegative(overdraftLimit, "overdraftLimit");
    }

    @Override
    public WalletChange<Consumption> apply(Wallet wallet, Instant now) {
      return WalletEngine.consume(wallet, this, now);
    }
  }

  /**
   * Add a grant (idempotent by grant id as well as by key). Applying it throws
   * {@link dev.credits.core.InvalidRequestException} when the wallet's tokens (live grants and
   * holds) would overflow a long, or when the grant would end before it starts.
   *
   * @param key wallet
   * @param grantId id derived from the source, e.g. {@code order-42#0}
   * @param offerId source offer or null
   * @param orderId source order or null (an adjustment)
   * @param subscription whether it is a subscription period
   * @param tokens tokens, not negative
   * @param cycle validity per period
   * @param periods number of periods (order quantity for subscriptions, else 1)
   * @param appendDate chain after the group's last period end
   * @param expiresAt fixed end instead of the cycle's, or null
   * @param idempotencyKey caller key or null
   */
  record AddGrant(WalletKey key, String grantId, OfferId offerId, OrderId orderId, boolean subscription, long tokens,
      Cycle cycle, long periods, boolean appendDate, Instant expiresAt, String idempotencyKey)
      implements WalletCommand<Grant> {
    /**
     * Validates the command.
     *
     * @param key wallet
     * @param grantId id derived from the source, e.g. {@code order-42#0}
     * @param offerId source offer or null
     * @param orderId source order or null (an adjustment)
     * @param subscription whether it is a subscription period
     * @param tokens tokens, not negative
     * @param cycle validity per period
     * @param periods number of periods (order quantity for subscriptions, else 1)
     * @param appendDate chain after the group's last period end
     * @param expiresAt fixed end instead of the cycle's, or null
     * @param idempotencyKey caller key or null
     * @throws dev.credits.core.InvalidRequestException on bad counts or missing fields
     */
    public AddGrant {
      Checks.present(key, "wallet key");
      Checks.text(grantId, "grantId");
      Checks.notNegative(tokens, "tokens");
      Checks.present(cycle, "cycle");
      Checks.positive(periods, "periods");
    }

    @Override
    public WalletChange<Grant> apply(Wallet wallet, Instant now) {
      return WalletEngine.grant(wallet, this, now);
    }
  }

  /**
   * Reserve tokens until {@code expiresAt}.
   *
   * @param key wallet
   * @param holdId id of the new hold
   * @param amount tokens, at least 1
   * @param expiresAt when it releases itself
   * @param idempotencyKey caller key or null
   */
  record PlaceHold(WalletKey key, HoldId holdId, long amount, Instant expiresAt, String idempotencyKey)
      implements WalletCommand<HoldResult> {
    /**
     * Validates the command.
     *
     * @param key wallet
     * @param holdId id of the new hold
     * @param amount tokens, at least 1
     * @param expiresAt when it releases itself
     * @param idempotencyKey caller key or null
     * @throws dev.credits.core.InvalidRequestException on an amount below 1 or missing fields
     */
    public PlaceHold {
      Checks.present(key, "wallet key");
      Checks.present(holdId, "holdId");
      Checks.positive(amount, "hold amount");
      Checks.present(expiresAt, "expiresAt");
    }

    @Override
    public WalletChange<HoldResult> apply(Wallet wallet, Instant now) {
      return WalletEngine.hold(wallet, this, now);
    }
  }

  /**
   * Spend {@code amount} of an active hold and return the rest.
   *
   * @param key wallet
   * @param holdId the hold
   * @param amount tokens to spend, 0..hold amount
   * @param idempotencyKey caller key or null
   */
  record CaptureHold(WalletKey key, HoldId holdId, long amount, String idempotencyKey)
      implements WalletCommand<HoldSettlement> {
    /**
     * Validates the command.
     *
     * @param key wallet
     * @param holdId the hold
     * @param amount tokens to spend, 0..hold amount
     * @param idempotencyKey caller key or null
     * @throws dev.credits.core.InvalidRequestException on a negative amount or missing fields
     */
    public CaptureHold {
      Checks.present(key, "wallet key");
      Checks.present(holdId, "holdId");
      Checks.notNegative(amount, "capture amount");
    }

    @Override
    public WalletChange<HoldSettlement> apply(Wallet wallet, Instant now) {
      return WalletEngine.capture(wallet, this, now);
    }
  }

  /**
   * Return all tokens of an active hold.
   *
   * @param key wallet
   * @param holdId the hold
   * @param idempotencyKey caller key or null
   */
  record ReleaseHold(WalletKey key, HoldId holdId, String idempotencyKey) implements WalletCommand<HoldSettlement> {
    /**
     * Validates the command.
     *
     * @param key wallet
     * @param holdId the hold
     * @param idempotencyKey caller key or null
     * @throws dev.credits.core.InvalidRequestException on missing fields
     */
    public ReleaseHold {
      Checks.present(key, "wallet key");
      Checks.present(holdId, "holdId");
    }

    @Override
    public WalletChange<HoldSettlement> apply(Wallet wallet, Instant now) {
      return WalletEngine.release(wallet, this, now);
    }
  }

  /**
   * Bring the reversal of an order's grants to the level where {@code refundedTotal} of its
   * {@code total} has been refunded. Absolute, hence idempotent: each grant ends up having lost
   * {@code floor(initial * refundedTotal / total)} tokens in all (never more than it still has);
   * when {@code refundedTotal == total} each grant loses everything left and is revoked (it stops
   * counting as a subscription). Replaying the same level takes nothing more. A lower level (a refund
   * failed at the processor) gives a grant still in the wallet back what the higher level took beyond
   * it, with a {@code REFUND_FAILED} ledger entry; a revoked grant is live again. The result is the
   * net number of tokens taken (negative when given back).
   *
   * @param key wallet
   * @param orderId the refunded order
   * @param refundedTotal money refunded on the order so far, minor units
   * @param total the order total, minor units
   * @param idempotencyKey caller key or null
   */
  record Reverse(WalletKey key, OrderId orderId, long refundedTotal, long total, String idempotencyKey)
      implements WalletCommand<Long> {
    /**
     * Validates the command.
     *
     * @param key wallet
     * @param orderId the refunded order
     * @param refundedTotal money refunded on the order so far, minor units
     * @param total the order total, minor units
     * @param idempotencyKey caller key or null
     * @throws dev.credits.core.InvalidRequestException on bad amounts or missing fields
     */
    public Reverse {
      Checks.present(key, "wallet key");
      Checks.present(orderId, "orderId");
      Checks.notNegative(refundedTotal, "refundedTotal");
      Checks.positive(total, "total");
      if (refundedTotal > total) {
        throw new dev.credits.core.InvalidRequestException("refunded " + refundedTotal + " exceeds total " + total);
      }
    }

    @Override
    public WalletChange<Long> apply(Wallet wallet, Instant now) {
      return WalletEngine.reverse(wallet, this, now);
    }
  }

  /**
   * Freeze ({@code frozen == true}) or release the active grants of an order whose payment is
   * disputed. Frozen grants keep their tokens but do not count in the balance ({@code DISPUTE}
   * ledger entries record both moves); a released grant past its end expires at once. Absolute,
   * hence idempotent: freezing frozen grants or releasing active ones changes nothing. The result is
   * the number of tokens moved.
   *
   * @param key wallet
   * @param orderId the disputed order
   * @param frozen true to freeze, false to release
   */
  record Freeze(WalletKey key, OrderId orderId, boolean frozen) implements WalletCommand<Long> {
    /**
     * Validates the command.
     *
     * @param key wallet
     * @param orderId the disputed order
     * @param frozen true to freeze, false to release
     * @throws dev.credits.core.InvalidRequestException on missing fields
     */
    public Freeze {
      Checks.present(key, "wallet key");
      Checks.present(orderId, "orderId");
    }

    @Override
    public String idempotencyKey() {
      return null;
    }

    @Override
    public WalletChange<Long> apply(Wallet wallet, Instant now) {
      return WalletEngine.freeze(wallet, this, now);
    }
  }

  /**
   * Record whatever is due (grant starts, expiries, hold expiries) and nothing else.
   *
   * @param key wallet
   */
  record Settle(WalletKey key) implements WalletCommand<List<dev.credits.core.model.LedgerEntry>> {
    @Override
    public String idempotencyKey() {
      return null;
    }

    @Override
    public WalletChange<List<dev.credits.core.model.LedgerEntry>> apply(Wallet wallet, Instant now) {
      return WalletEngine.settle(wallet, this, now);
    }
  }
}

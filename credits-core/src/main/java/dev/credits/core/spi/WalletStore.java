package dev.credits.core.spi;

import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores wallets and their append-only ledgers. Thread-safe; every method may be called from many
 * threads and many processes at once.
 */
public interface WalletStore {
  /**
   * Executes a command atomically on its wallet.
   *
   * <p><b>Atomicity:</b> the new wallet state and the command's ledger entries become visible
   * together or not at all; no concurrent command on the same wallet interleaves with it (a store
   * may retry {@link WalletCommand#apply} after losing a race, since it is pure).
   * <b>Idempotency:</b> if the command has an idempotency key and an effective command with that
   * key was recorded for this wallet, nothing is applied and the recorded result is returned when
   * the commands are equal; a different command with the same key throws
   * {@link dev.credits.core.ConflictException}. The key is recorded in the same atomic write as
   * the change, and only when {@link WalletChange#effective()} (an insufficient balance records
   * nothing, so a later retry may succeed).
   *
   * @param command the command
   * @param now the operation's instant, from the facade's clock
   * @param <R> result type
   * @return the command's result
   * @throws dev.credits.core.ConflictException when the key was used for a different command
   * @throws dev.credits.core.StoreUnavailableException when the store cannot be reached; the
   *     outcome is then unknown and the same command with the same key may be retried
   */
  <R> R execute(WalletCommand<R> command, Instant now);

  /**
   * As {@link #execute}, and tells whether this call applied the command or answered from an
   * earlier effective command with the same idempotency key ({@link Executed#replayed()}). The
   * facade calls this method for commands whose effect it publishes (spends and captures), and
   * publishes nothing for a replay. Same atomicity, idempotency and thread-safety as {@link #execute}.
   *
   * <p>The default reports every call as applied, so with it a retried spend publishes its event
   * again; a store that records idempotency keys overrides it (the contract kit checks that a replay
   * publishes nothing).
   *
   * @param command the command
   * @param now the operation's instant, from the facade's clock
   * @param <R> result type
   * @return the result, and whether it was replayed
   * @throws dev.credits.core.ConflictException when the key was used for a different command
   * @throws dev.credits.core.StoreUnavailableException when the store cannot be reached
   */
  default <R> Executed<R> run(WalletCommand<R> command, Instant now) {
    return Executed.applied(execute(command, now));
  }

  /**
   * Reads one wallet as stored (apply {@link WalletEngine#view} to see due events).
   *
   * @param key the wallet
   * @return it, or empty if never written
   */
  Optional<Wallet> find(WalletKey key);

  /**
   * Reads all wallets of a user, in one round trip where the store allows it.
   *
   * @param userId the user
   * @return the wallets, any order, empty for a new user
   */
  List<Wallet> findByUser(UserId userId);

  /**
   * Reads a page of a wallet's ledger, oldest first. Cost does not depend on how long the ledger is.
   *
   * @param key the wallet
   * @param afterSeq return entries with a seq greater than this (0 for the start)
   * @param limit at most this many
   * @return the entries
   */
  List<LedgerEntry> ledger(WalletKey key, long afterSeq, int limit);

  /**
   * Finds wallets with something due at or before {@code until} (see {@link Wallet#nextDueAt()}).
   *
   * @param until the horizon
   * @param limit at most this many
   * @return their keys, earliest due first
   */
  List<WalletKey> findDue(Instant until, int limit);
}

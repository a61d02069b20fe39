package dev.credits.core.spi;

import dev.credits.core.model.LedgerEntry;
import java.util.List;

/**
 * The result of applying a {@link WalletCommand} to a wallet: the new state, the ledger entries to
 * append, and the caller's result. A store writes {@code wallet} and {@code entries} together,
 * atomically, when {@link #changed()}; it records the idempotency key only when {@link #effective()}.
 *
 * @param wallet the state after (version already incremented when changed)
 * @param entries ledger entries to append, in order
 * @param result what the facade returns
 * @param changed whether anything must be written (due expiries may be written even when not effective)
 * @param effective whether the command itself took effect (false for "insufficient" and replays)
 * @param <R> the result type
 */
public record WalletChange<R>(Wallet wallet, List<LedgerEntry> entries, R result, boolean changed,
    boolean effective) {
  /**
   * Copies the entries.
   *
   * @param wallet the state after
   * @param entries ledger entries to append, in order
   * @param result what the facade returns
   * @param changed whether anything must be written
   * @param effective whether the command itself took effect
   */
  public WalletChange {
    entries = List.copyOf(entries);
  }
}

package dev.credits.testkit;

import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.Executed;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import dev.credits.core.spi.WalletStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A wallet store that forwards everything to another one; override what a test needs to change. */
public class ForwardingWalletStore implements WalletStore {
  private final WalletStore delegate;

  /**
   * Forwards to {@code delegate}.
   *
   * @param delegate the real wallet store
   */
  public ForwardingWalletStore(WalletStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
  }

  /** Goes through {@link #run}, so that a decorator that overrides {@code run} sees every command. */
  @Override
  public <R> R execute(WalletCommand<R> command, Instant now) {
    return run(command, now).result();
  }

  @Override
  public <R> Executed<R> run(WalletCommand<R> command, Instant now) {
    return delegate.run(command, now);
  }

  @Override
  public Optional<Wallet> find(WalletKey key) {
    return delegate.find(key);
  }

  @Override
  public List<Wallet> findByUser(UserId userId) {
    return delegate.findByUser(userId);
  }

  @Override
  public List<LedgerEntry> ledger(WalletKey key, long afterSeq, int limit) {
    return delegate.ledger(key, afterSeq, limit);
  }

  @Override
  public List<WalletKey> findDue(Instant until, int limit) {
    return delegate.findDue(until, limit);
  }
}

package dev.credits.core.spi;

import dev.credits.core.model.Cycle;
import dev.credits.core.model.Grant;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies wallet commands one after the other the way a store does: keeps the wallet when the
 * change says so and appends its ledger entries. The ledger lives here, outside the wallet.
 */
final class WalletRun {
  static final WalletKey KEY = new WalletKey(UserId.of("alice"), "chat");

  Wallet wallet = Wallet.empty(KEY);
  final List<LedgerEntry> ledger = new ArrayList<>();
  WalletChange<?> last;

  <R> R apply(WalletCommand<R> command, Instant now) {
    WalletChange<R> change = command.apply(wallet, now);
    last = change;
    if (change.changed()) {
      wallet = change.wallet();
      ledger.addAll(change.entries());
    }
    return change.result();
  }

  long balance() {
    return wallet.storedBalance();
  }

  Grant grant(String id) {
    return wallet.grants().stream().filter(g -> g.id().equals(id)).findFirst().orElse(null);
  }

  static WalletCommand.AddGrant adjustment(String id, long tokens, Instant expiresAt) {
    return new WalletCommand.AddGrant(KEY, id, null, null, false, tokens, Cycle.ONCE, 1, false, expiresAt, null);
  }

  static WalletCommand.AddGrant orderGrant(String id, String orderId, long tokens, Cycle cycle, boolean appendDate) {
    return new WalletCommand.AddGrant(KEY, id, OfferId.of("offer"), OrderId.of(orderId), false, tokens, cycle, 1,
        appendDate, null, null);
  }

  static WalletCommand.Consume consume(long count) {
    return new WalletCommand.Consume(KEY, count, 0, null);
  }

  static WalletCommand.Consume consumeOnCredit(long count, long limit) {
    return new WalletCommand.Consume(KEY, count, limit, null);
  }

  static WalletCommand.PlaceHold hold(String id, long amount, Instant expiresAt) {
    return new WalletCommand.PlaceHold(KEY, HoldId.of(id), amount, expiresAt, null);
  }

  static WalletCommand.Settle settle() {
    return new WalletCommand.Settle(KEY);
  }
}

package dev.credits.core.spi;

import dev.credits.core.internal.Checks;
import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.Hold;
import java.time.Instant;
import java.util.List;

/**
 * The stored state of one (user, group) wallet: its grants, its active holds and its overdraft
 * debt. Adapters persist it as one unit (one document, one row plus children) and change it only
 * through {@link WalletCommand}s, whose rules live in {@link WalletEngine}.
 *
 * @param key which wallet
 * @param grants grants: scheduled, active, and recently ended ones kept for history
 * @param holds active holds
 * @param debt tokens spent on credit (post-paid), repaid first by the next grants
 * @param ledgerSeq the seq of the last ledger entry written for this wallet
 * @param version incremented by every stored change
 */
public record Wallet(WalletKey key, List<Grant> grants, List<Hold> holds, long debt, long ledgerSeq, long version) {
  /**
   * Validates the state and copies its lists.
   *
   * @param key which wallet
   * @param grants grants: scheduled, active, and recently ended ones kept for history
   * @param holds active holds
   * @param debt tokens spent on credit (post-paid), repaid first by the next grants
   * @param ledgerSeq the seq of the last ledger entry written for this wallet
   * @param version incremented by every stored change
   * @throws dev.credits.core.InvalidRequestException on missing fields or negative counters
   */
  public Wallet {
    Checks.present(key, "wallet key");
    grants = List.copyOf(grants);
    holds = List.copyOf(holds);
    Checks.notNegative(debt, "debt");
    Checks.notNegative(ledgerSeq, "ledgerSeq");
    Checks.notNegative(version, "version");
  }

  /**
   * A wallet that has never been written.
   *
   * @param key which wallet
   * @return the empty wallet at version 0
   */
  public static Wallet empty(WalletKey key) {
    return new Wallet(key, List.of(), List.of(), 0, 0, 0);
  }

  /**
   * The spendable balance as stored (call {@link WalletEngine#view} first to see due expiries).
   *
   * @return the sum of remaining tokens of active grants minus debt
   */
  public long storedBalance() {
    long sum = 0;
    for (Grant g : grants) {
      if (g.state() == GrantState.ACTIVE) {
        sum += g.remaining();
      }
    }
    return sum - debt;
  }

  /**
   * The earliest instant at which something in this wallet changes by itself: a scheduled grant
   * starts, a grant expires, a hold expires. Stores index it so the sweep finds due wallets.
   *
   * @return the instant, or null when nothing is due ever
   */
  public Instant nextDueAt() {
    Instant due = null;
    for (Grant g : grants) {
      if (g.state() == GrantState.SCHEDULED) {
        due = min(due, g.starts());
      }
      if ((g.state() == GrantState.SCHEDULED || g.state() == GrantState.ACTIVE) && g.expires() != null) {
        due = min(due, g.expires());
      }
    }
    for (Hold h : holds) {
      due = min(due, h.expiresAt());
    }
    return due;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}

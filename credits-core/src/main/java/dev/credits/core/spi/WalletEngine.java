package dev.credits.core.spi;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.NotFoundException;
import dev.credits.core.internal.Checks;
import dev.credits.core.model.Burn;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.Hold;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.HoldSettlement;
import dev.credits.core.model.HoldState;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Limits;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules of a wallet, as pure functions from (state, command, now) to a {@link WalletChange}.
 * Every adapter shares them, so burn order, overdraft, expiry and hold arithmetic are the same on
 * every store. Stateless and thread-safe.
 *
 * <p>Every command first <em>settles</em> the wallet: in time order, scheduled grants whose start
 * has come become active (paying debt first), holds past their expiry return their tokens, and
 * grants past their end write off what remains. Expired tokens are therefore never spendable, even
 * if no sweep ran. After the command, grants that ended more than {@link #RETENTION} ago and spent
 * never-expiring token grants are dropped (unless a hold points at them), so the stored wallet is at
 * rest: {@code view(wallet, now)} of what a command stored at {@code now} is that same wallet.
 */
public final class WalletEngine {
  /** How long ended grants are kept in the wallet for the credits view after their end. */
  public static final Duration RETENTION = Duration.ofDays(35);

  /**
   * At most this many ended (expired or revoked) grants are kept, the most recent ones; revoked order
   * grants whose period still runs are kept besides (a failed refund restores them).
   */
  public static final int MAX_ENDED_KEPT = 16;

  /** Burn order: the grant that expires first, never-expiring last, then the older, then by id. */
  public static final Comparator<Grant> BURN_ORDER = Comparator
      .comparing(Grant::expires, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(Grant::starts)
      .thenComparing(Grant::id);

  private WalletEngine() {}

  /**
   * The wallet as it is at {@code now}, with due events applied, without writing anything. Use it
   * for reads: balances computed from it never include expired tokens.
   *
   * @param wallet stored state
   * @param now the instant
   * @return the settled state
   */
  public static Wallet view(Wallet wallet, Instant now) {
    Work w = new Work(wallet, now);
    w.settle();
    return w.wallet();
  }

  static WalletChange<List<LedgerEntry>> settle(Wallet wallet, WalletCommand.Settle cmd, Instant now) {
    Work w = new Work(wallet, now);
    w.settle();
    return w.change(List.copyOf(w.entries), w.dirty);
  }

  static WalletChange<Consumption> consume(Wallet wallet, WalletCommand.Consume cmd, Instant now) {
    Work w = new Work(wallet, now);
    w.settle();
    long available = w.available();
    long room = Math.max(0, cmd.overdraftLimit() - w.debt);
    if (cmd.count() - available > room) { // never overflows: count >= 1, available >= 0
      return w.change(new Consumption.Insufficient(cmd.count(), w.balance(), room), false);
    }
    List<Burn> burns = w.burn(cmd.count());
    long burned = burns.stream().mapToLong(Burn::tokens).sum();
    long shortfall = cmd.count() - burned;
    w.debt += shortfall;
    LedgerEntry e = w.entry(LedgerEntryType.CONSUME, -cmd.count(), null, null, null, cmd.idempotencyKey(), now);
    return w.change(new Consumption.Spent(cmd.count(), w.balance(), burns, shortfall, e.seq()), true);
  }

  static WalletChange<Grant> grant(Wallet wallet, WalletCommand.AddGrant cmd, Instant now) {
    Work w = new Work(wallet, now);
    w.settle();
    for (Grant g : w.grants) {
      if (g.id().equals(cmd.grantId())) {
        return w.change(g, false);
      }
    }
    w.checkRoomFor(cmd.tokens());
    Instant starts = now;
    if (cmd.appendDate()) {
      for (Grant g : w.grants) {
        if ((g.state() == GrantState.ACTIVE || g.state() == GrantState.SCHEDULED) && g.expires() != null
            && g.expires().isAfter(starts)) {
          starts = g.expires();
        }
      }
    }
    Instant expires = cmd.expiresAt() != null ? cmd.expiresAt() : cmd.cycle().end(starts, cmd.periods()).orElse(null);
    if (expires != null && !expires.isAfter(starts)) {
      throw new InvalidRequestException("grant " + cmd.grantId() + " would end (" + expires + ") before it starts ("
          + starts + ")");
    }
    w.grants.add(new Grant(cmd.grantId(), cmd.key().userId(), cmd.key().offerGroup(), cmd.offerId(), cmd.orderId(),
        cmd.subscription(), cmd.tokens(), cmd.tokens(), 0, starts, expires, GrantState.SCHEDULED));
    w.dirty = true;
    w.settle();
    return w.change(w.grant(cmd.grantId()), true);
  }

  static WalletChange<HoldResult> hold(Wallet wallet, WalletCommand.PlaceHold cmd, Instant now) {
    Work w = new Work(wallet, now);
    w.settle();
    for (Hold h : w.holds) {
      if (h.id().equals(cmd.holdId())) {
        return w.change(new HoldResult.Held(h, w.balance()), false);
      }
    }
    if (!cmd.expiresAt().isAfter(now)) {
      throw new InvalidRequestException("hold would expire at " + cmd.expiresAt() + ", not after now " + now);
    }
    if (w.holds.size() >= Limits.MAX_ACTIVE_HOLDS) {
      throw new InvalidRequestException(cmd.key().offerGroup() + " of " + cmd.key().userId() + " has "
          + w.holds.size() + " active holds, the most a wallet may (Limits.MAX_ACTIVE_HOLDS); settle some first");
    }
    if (cmd.amount() > w.balance()) {
      return w.change(new HoldResult.Insufficient(cmd.amount(), w.balance()), false);
    }
    List<Burn> allocations = w.burn(cmd.amount());
    Hold hold = new Hold(cmd.holdId(), cmd.key().userId(), cmd.key().offerGroup(), cmd.amount(), now,
        cmd.expiresAt(), allocations, HoldState.ACTIVE, 0);
    w.holds.add(hold);
    w.entry(LedgerEntryType.HOLD, -cmd.amount(), null, cmd.holdId().value(), null, cmd.idempotencyKey(), now);
    return w.change(new HoldResult.Held(hold, w.balance()), true);
  }

  static WalletChange<HoldSettlement> capture(Wallet wallet, WalletCommand.CaptureHold cmd, Instant now) {
    Work w = new Work(wallet, now);
    w.settle();
    Hold hold = w.activeHold(cmd.holdId());
    if (cmd.amount() > hold.amount()) {
      throw new InvalidRequestException("cannot capture " + cmd.amount() + " of hold " + hold.id() + " of "
          + hold.amount());
    }
    long rest = hold.amount() - cmd.amount();
    w.holds.remove(hold);
    LedgerEntry e = w.entry(LedgerEntryType.CAPTURE, rest, null, hold.id().value(), null, cmd.idempotencyKey(), now);
    w.giveBack(hold, rest, now);
    Hold closed = hold.close(HoldState.CAPTURED, cmd.amount());
    return w.change(new HoldSettlement(closed, cmd.amount(), rest, w.balance(), e.seq()), true);
  }

  static WalletChange<HoldSettlement> release(Wallet wallet, WalletCommand.ReleaseHold cmd, Instant now) {
    Work w = new Work(wallet, now);
    w.settle();
    Hold hold = w.activeHold(cmd.holdId());
    w.holds.remove(hold);
    LedgerEntry e = w.entry(LedgerEntryType.RELEASE, hold.amount(), null, hold.id().value(), null,
        cmd.idempotencyKey(), now);
    w.giveBack(hold, hold.amount(), now);
    return w.change(new HoldSettlement(hold.close(HoldState.RELEASED, 0), 0, hold.amount(), w.balance(), e.seq()),
        true);
  }

  static WalletChange<Long> reverse(Wallet wallet, WalletCommand.Reverse cmd, Instant now) {
    Work w = new Work(wallet, now);
    w.settle();
    boolean full = cmd.refundedTotal() == cmd.total();
    long reversed = 0;
    for (int i = 0; i < w.grants.size(); i++) {
      Grant g = w.grants.get(i);
      if (!cmd.orderId().equals(g.orderId())) {
        continue;
      }
      long target = full ? g.initial() : BigInteger.valueOf(g.initial())
          .multiply(BigInteger.valueOf(cmd.refundedTotal())).divide(BigInteger.valueOf(cmd.total())).longValueExact();
      boolean live = g.state() == GrantState.ACTIVE || g.state() == GrantState.SCHEDULED
          || g.state() == GrantState.FROZEN;
      if (target < g.reversed() || !full && g.state() == GrantState.REVOKED) {
        reversed -= w.restore(i, Math.max(0, g.reversed() - target), cmd); // a revoked grant is live again
        continue;
      }
      if (!live) {
        continue;
      }
      long take = full ? g.remaining() : Math.max(0, Math.min(g.remaining(), target - g.reversed()));
      if (take == 0 && !full) {
        continue;
      }
      w.grants.set(i, g.reverse(take, full ? GrantState.REVOKED : g.state()));
      w.dirty = true;
      if (take > 0 && g.state() == GrantState.ACTIVE) { // frozen tokens already left the balance
        w.entry(LedgerEntryType.REFUND, -take, cmd.orderId().value(), null, g.id(), cmd.idempotencyKey(), now);
      }
      reversed += take;
    }
    w.settle(); // a restored grant past its end expires now, with its own entry
    return w.change(reversed, true);
  }

  static WalletChange<Long> freeze(Wallet wallet, WalletCommand.Freeze cmd, Instant now) {
    Work w = new Work(wallet, now);
    w.settle();
    long moved = 0;
    for (int i = 0; i < w.grants.size(); i++) {
      Grant g = w.grants.get(i);
      if (!cmd.orderId().equals(g.orderId())) {
        continue;
      }
      if (cmd.frozen() && g.state() == GrantState.ACTIVE) {
        w.grants.set(i, g.with(g.remaining(), GrantState.FROZEN));
        w.dirty = true;
        if (g.remaining() > 0) {
          w.entry(LedgerEntryType.DISPUTE, -g.remaining(), cmd.orderId().value(), null, g.id(), null, now);
        }
        moved += g.remaining();
      } else if (!cmd.frozen() && g.state() == GrantState.FROZEN) {
        w.grants.set(i, g.with(g.remaining(), GrantState.ACTIVE));
        w.dirty = true;
        if (g.remaining() > 0) {
          w.entry(LedgerEntryType.DISPUTE, g.remaining(), cmd.orderId().value(), null, g.id(), null, now);
        }
        moved += g.remaining();
      }
    }
    w.settle(); // a released grant past its end expires now
    return w.change(moved, true);
  }

  /** A mutable working copy of a wallet for one command. */
  private static final class Work {
    final Wallet original;
    final Instant now;
    final List<Grant> grants;
    final List<Hold> holds;
    final List<LedgerEntry> entries = new ArrayList<>();
    long debt;
    long seq;
    long running; // the ledger's running balance: equals balance() after every command
    boolean dirty;

    Work(Wallet wallet, Instant now) {
      this.original = wallet;
      this.now = now;
      this.grants = new ArrayList<>(wallet.grants());
      this.holds = new ArrayList<>(wallet.holds());
      this.debt = wallet.debt();
      this.seq = wallet.ledgerSeq();
      this.running = wallet.storedBalance();
    }

    long available() {
      long sum = 0;
      for (Grant g : grants) {
        if (g.state() == GrantState.ACTIVE) {
          sum += g.remaining();
        }
      }
      return sum;
    }

    long balance() {
      return available() - debt;
    }

    /** Rejects a grant that would make the wallet's tokens (live grants and holds) overflow a long. */
    void checkRoomFor(long tokens) {
      long total = tokens;
      for (Grant g : grants) {
        if (g.state() == GrantState.ACTIVE || g.state() == GrantState.SCHEDULED || g.state() == GrantState.FROZEN) {
          total = Checks.plus(total, g.remaining(), "tokens in " + original.key().offerGroup());
        }
      }
      for (Hold h : holds) {
        total = Checks.plus(total, h.amount(), "tokens in " + original.key().offerGroup());
      }
    }

    Grant grant(String id) {
      for (Grant g : grants) {
        if (g.id().equals(id)) {
          return g;
        }
      }
      return null;
    }

    Hold activeHold(dev.credits.core.model.HoldId id) {
      for (Hold h : holds) {
        if (h.id().equals(id)) {
          return h;
        }
      }
      throw new NotFoundException("no active hold " + id + " in " + original.key().offerGroup()
          + " (unknown, already closed, or expired)");
    }

    LedgerEntry entry(LedgerEntryType type, long amount, String orderId, String holdId, String grantId, String key,
        Instant at) {
      dirty = true;
      seq++;
      running += amount;
      LedgerEntry e = new LedgerEntry(seq, original.key().userId(), original.key().offerGroup(), type, amount,
          running, orderId, holdId, grantId, key, at);
      entries.add(e);
      return e;
    }

    /**
     * Gives grant {@code index} back {@code tokens} of what a reversal took (a refund failed): a
     * revoked or expired grant is live again (and expires at once when its period has ended). Returns
     * what it gave back.
     */
    long restore(int index, long tokens, WalletCommand.Reverse cmd) {
      Grant g = grants.get(index);
      GrantState state = g.state();
      if (state == GrantState.REVOKED || state == GrantState.EXPIRED) {
        // Live again; one whose period has ended expires at once (settle writes its EXPIRE entry), so the
        // ledger shows the tokens coming back and going.
        state = g.starts().isAfter(now) ? GrantState.SCHEDULED : GrantState.ACTIVE;
      }
      grants.set(index, new Grant(g.id(), g.userId(), g.offerGroup(), g.offerId(), g.orderId(), g.subscription(),
          g.initial(), g.remaining() + tokens, g.reversed() - tokens, g.starts(), g.expires(), state));
      dirty = true;
      if ((state == GrantState.ACTIVE || state == GrantState.FROZEN) && tokens > 0) {
        entry(LedgerEntryType.REFUND_FAILED, tokens, cmd.orderId().value(), null, g.id(), cmd.idempotencyKey(), now);
        if (state == GrantState.FROZEN) { // back into a disputed grant: out of the balance again until released
          entry(LedgerEntryType.DISPUTE, -tokens, cmd.orderId().value(), null, g.id(), null, now);
        }
      }
      return tokens;
    }

    /** Takes up to {@code count} tokens from active grants in burn order. */
    List<Burn> burn(long count) {
      List<Grant> order = new ArrayList<>();
      for (Grant g : grants) {
        if (g.state() == GrantState.ACTIVE && g.remaining() > 0) {
          order.add(g);
        }
      }
      order.sort(BURN_ORDER);
      List<Burn> burns = new ArrayList<>();
      long left = count;
      for (Grant g : order) {
        if (left == 0) {
          break;
        }
        long take = Math.min(left, g.remaining());
        grants.set(grants.indexOf(g), g.with(g.remaining() - take, g.state()));
        burns.add(new Burn(g.id(), take));
        left -= take;
      }
      dirty = true;
      return burns;
    }

    /**
     * Returns {@code amount} tokens of a closed hold to the grants they came from, latest-expiring
     * first; tokens whose grant has ended (or is gone) are written off at once.
     */
    void giveBack(Hold hold, long amount, Instant at) {
      List<Burn> from = new ArrayList<>(hold.allocations());
      from.sort(Comparator.comparing((Burn b) -> grantOrNull(b.grantId()), Comparator.nullsFirst(BURN_ORDER))
          .reversed());
      long left = amount;
      for (Burn b : from) {
        if (left == 0) {
          break;
        }
        long give = Math.min(left, b.tokens());
        left -= give;
        Grant g = grantOrNull(b.grantId());
        if (g != null && g.state() == GrantState.ACTIVE) {
          grants.set(grants.indexOf(g), g.with(g.remaining() + give, g.state()));
        } else if (g != null && g.state() == GrantState.FROZEN) {
          // Back into the frozen grant, so out of the balance the hold's entry just added them to.
          grants.set(grants.indexOf(g), g.with(g.remaining() + give, g.state()));
          entry(LedgerEntryType.DISPUTE, -give, str(g.orderId()), hold.id().value(), g.id(), null, at);
        } else {
          LedgerEntryType type = g != null && g.state() == GrantState.REVOKED ? LedgerEntryType.REFUND
              : LedgerEntryType.EXPIRE;
          // The tokens were added back to the balance by the hold's entry; write them off.
          entry(type, -give, null, hold.id().value(), b.grantId(), null, at);
        }
      }
      dirty = true;
    }

    private Grant grantOrNull(String id) {
      return grant(id);
    }

    /** Applies every due event in time order. */
    void settle() {
      while (true) {
        Instant when = null;
        int kind = -1;
        int index = -1;
        for (int i = 0; i < grants.size(); i++) {
          Grant g = grants.get(i);
          if (g.state() == GrantState.SCHEDULED && !g.starts().isAfter(now) && earlier(g.starts(), 0, when, kind)) {
            when = g.starts();
            kind = 0;
            index = i;
          }
        }
        for (int i = 0; i < holds.size(); i++) {
          Hold h = holds.get(i);
          if (!h.expiresAt().isAfter(now) && earlier(h.expiresAt(), 1, when, kind)) {
            when = h.expiresAt();
            kind = 1;
            index = i;
          }
        }
        for (int i = 0; i < grants.size(); i++) {
          Grant g = grants.get(i);
          if (g.state() == GrantState.ACTIVE && g.expires() != null && !g.expires().isAfter(now)
              && earlier(g.expires(), 2, when, kind)) {
            when = g.expires();
            kind = 2;
            index = i;
          }
        }
        if (kind < 0) {
          break;
        }
        if (kind == 0) {
          activate(index, when);
        } else if (kind == 1) {
          Hold h = holds.remove(index);
          entry(LedgerEntryType.RELEASE, h.amount(), null, h.id().value(), null, null, when);
          giveBack(h, h.amount(), when);
        } else {
          Grant g = grants.get(index);
          grants.set(index, g.with(0, GrantState.EXPIRED));
          dirty = true;
          if (g.remaining() > 0) {
            entry(LedgerEntryType.EXPIRE, -g.remaining(), str(g.orderId()), null, g.id(), null, when);
          }
        }
      }
      prune();
    }

    private static boolean earlier(Instant t, int kind, Instant when, int whenKind) {
      return when == null || t.isBefore(when) || (t.equals(when) && kind < whenKind);
    }

    private void activate(int index, Instant at) {
      Grant g = grants.get(index);
      long pay = Math.min(debt, g.remaining());
      debt -= pay;
      grants.set(index, g.with(g.remaining() - pay, GrantState.ACTIVE));
      LedgerEntryType type = g.orderId() == null ? LedgerEntryType.ADJUSTMENT : LedgerEntryType.GRANT;
      // balance() already reflects the activation; the entry's amount is what the grant brought.
      entry(type, g.remaining(), str(g.orderId()), null, g.id(), null, at);
    }

    /**
     * Drops grants that ended more than {@link #RETENTION} ago, and spent never-expiring token grants
     * (an order's after {@link #RETENTION} from their start), unless a hold points at them.
     */
    private void prune() {
      Instant horizon = now.minus(RETENTION);
      grants.removeIf(g -> {
        // An order's never-expiring grant is kept for RETENTION after its start even when spent or
        // revoked: a refund that fails at the processor within that time gives its tokens back.
        boolean pastRetention = g.orderId() == null || g.starts().isBefore(horizon);
        boolean ended = (g.state() == GrantState.EXPIRED || g.state() == GrantState.REVOKED)
            && (g.expires() == null ? pastRetention : g.expires().isBefore(horizon));
        boolean spentForever = g.state() == GrantState.ACTIVE && g.expires() == null && g.remaining() == 0
            && !g.subscription() && pastRetention;
        boolean drop = (ended || spentForever) && !heldFrom(g.id());
        dirty |= drop;
        return drop;
      });
      keepRecentEnded();
    }

    /** Bounds the ended grants kept for the credits view, so a command's cost never grows with history. */
    private void keepRecentEnded() {
      List<Grant> ended = new ArrayList<>();
      Instant horizon = now.minus(RETENTION);
      for (Grant g : grants) {
        // A revoked order grant whose period still runs is kept (until RETENTION after its start when it
        // never expires): a refund that fails at the processor brings it back.
        boolean restorable = g.state() == GrantState.REVOKED && g.orderId() != null
            && (g.expires() == null ? !g.starts().isBefore(horizon) : g.expires().isAfter(now));
        if ((g.state() == GrantState.EXPIRED || g.state() == GrantState.REVOKED) && !restorable && !heldFrom(g.id())) {
          ended.add(g);
        }
      }
      if (ended.size() <= MAX_ENDED_KEPT) {
        return;
      }
      ended.sort(Comparator.comparing(Grant::expires, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Grant::starts).thenComparing(Grant::id));
      grants.removeAll(ended.subList(0, ended.size() - MAX_ENDED_KEPT));
      dirty = true;
    }

    private boolean heldFrom(String grantId) {
      for (Hold h : holds) {
        for (Burn b : h.allocations()) {
          if (b.grantId().equals(grantId)) {
            return true;
          }
        }
      }
      return false;
    }

    private static String str(Object o) {
      return o == null ? null : o.toString();
    }

    Wallet wallet() {
      if (!dirty) {
        return original;
      }
      return new Wallet(original.key(), grants, holds, debt, seq, original.version() + 1);
    }

    <R> WalletChange<R> change(R result, boolean effective) {
      prune(); // what the command itself spent or closed, so the stored wallet is already at rest
      if (running != balance()) {
        throw new IllegalStateException("ledger and balance disagree in " + original.key() + ": " + running + " vs "
            + balance());
      }
      return new WalletChange<>(wallet(), entries, result, dirty, effective);
    }
  }
}

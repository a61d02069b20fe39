package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.internal.Checks;
import dev.credits.core.model.ExpiryReport;
import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.SweepReport;
import dev.credits.core.model.UserId;
import dev.credits.core.model.Warning;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletEngine;
import dev.credits.core.spi.WalletKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Recording what has expired, warning about what will, and the all-users sweep. */
final class Expiry {
  private final Context ctx;
  private final Orders orders;

  Expiry(Context ctx, Orders orders) {
    this.ctx = ctx;
    this.orders = orders;
  }

  ExpiryReport check(UserId userId, Duration warnBefore, Map<String, Long> lowThresholds) {
    Checks.present(userId, "userId");
    Checks.present(warnBefore, "warnBefore");
    if (warnBefore.isNegative()) {
      throw new InvalidRequestException("warnBefore must not be negative, was " + warnBefore);
    }
    Map<String, Long> thresholds = new TreeMap<>();
    if (lowThresholds != null) {
      lowThresholds.forEach((group, min) -> thresholds.put(Checks.text(group, "threshold group"),
          Checks.notNegative(Checks.present(min, "threshold"), "threshold")));
    }
    Instant now = ctx.now();
    Instant horizon = Checks.plus(now, warnBefore, "warning horizon"); // checked before anything is written
    List<LedgerEntry> expired = new ArrayList<>();
    Map<String, Wallet> settled = new TreeMap<>();
    for (Wallet stored : ctx.store.wallets().findByUser(userId)) {
      Wallet w = stored;
      Instant due = stored.nextDueAt();
      if (due != null && !due.isAfter(now)) {
        expired.addAll(ctx.store.wallets().execute(new WalletCommand.Settle(stored.key()), now));
        w = ctx.store.wallets().find(stored.key()).orElse(stored);
      }
      settled.put(w.key().offerGroup(), WalletEngine.view(w, now));
    }
    List<Order> expiredOrders = new ArrayList<>();
    for (Order o : orders.byUser(userId)) {
      if (o.status() == OrderStatus.PENDING && !o.paymentDeadline().isAfter(now)) {
        Order after = orders.expire(o);
        if (after.status() == OrderStatus.EXPIRED) {
          expiredOrders.add(after);
        }
      }
    }
    List<Warning> warnings = new ArrayList<>();
    for (Wallet w : settled.values()) {
      long tokens = 0;
      Instant first = null;
      for (Grant g : w.grants()) {
        if (g.state() == GrantState.ACTIVE && g.remaining() > 0 && g.expires() != null && !g.expires().isAfter(horizon)) {
          tokens += g.remaining();
          first = first == null || g.expires().isBefore(first) ? g.expires() : first;
        }
      }
      if (tokens > 0) {
        warnings.add(new Warning.Expiring(w.key().offerGroup(), tokens, first));
      }
    }
    for (Map.Entry<String, Long> t : thresholds.entrySet()) {
      Wallet w = settled.get(t.getKey());
      long balance = w == null ? 0 : w.storedBalance();
      if (balance < t.getValue() || balance <= 0) {
        warnings.add(new Warning.Low(t.getKey(), balance, t.getValue()));
      }
    }
    for (Wallet w : settled.values()) {
      if (!thresholds.containsKey(w.key().offerGroup()) && w.storedBalance() <= 0) {
        warnings.add(new Warning.Low(w.key().offerGroup(), w.storedBalance(), 0));
      }
    }
    for (Warning warning : warnings) {
      if (warning instanceof Warning.Expiring) {
        Warning.Expiring e = (Warning.Expiring) warning;
        ctx.publish(new CreditsEvent.CreditsExpiring(userId, e.offerGroup(), e.tokens(), e.expiresAt(), now));
      } else {
        Warning.Low l = (Warning.Low) warning;
        ctx.publish(new CreditsEvent.CreditsLow(userId, l.offerGroup(), l.balance(), l.threshold(), now));
      }
    }
    return new ExpiryReport(expired, expiredOrders, warnings);
  }

  /** One pass over due wallets and orders. Idempotent: running it on many instances at once is safe. */
  SweepReport sweep(int limit) {
    Checks.positive(limit, "limit");
    Instant now = ctx.now();
    int wallets = 0;
    int entries = 0;
    for (WalletKey key : ctx.store.wallets().findDue(now, limit)) {
      List<LedgerEntry> written = ctx.store.wallets().execute(new WalletCommand.Settle(key), now);
      wallets++;
      entries += written.size();
    }
    int expired = 0;
    int granted = 0;
    for (Order o : ctx.store.orders().findDue(now, limit)) {
      if (o.status() == OrderStatus.PENDING) {
        if (orders.expireOnce(o).closed()) { // not those another instance expired meanwhile
          expired++;
        }
      } else if (o.status() == OrderStatus.PAID && !o.granted()) {
        orders.ensureGranted(o);
        granted++;
      }
    }
    return new SweepReport(wallets, entries, expired, granted, true);
  }
}

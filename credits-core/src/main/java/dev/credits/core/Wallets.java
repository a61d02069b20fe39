package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.internal.Checks;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.GroupCredits;
import dev.credits.core.model.Hold;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.HoldSettlement;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Subscription;
import dev.credits.core.model.SubscriptionStatus;
import dev.credits.core.model.UserCredits;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.Executed;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletEngine;
import dev.credits.core.spi.WalletKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Balances: spending, holds, adjustments, the credits view and the ledger. */
final class Wallets {
  private final Context ctx;

  Wallets(Context ctx) {
    this.ctx = ctx;
  }

  Consumption consume(UserId userId, String group, long count, String idempotencyKey) {
    WalletKey key = new WalletKey(Checks.present(userId, "userId"), group);
    checkKey(idempotencyKey);
    Instant now = ctx.now();
    Executed<Consumption> run = ctx.store.wallets().run(
        new WalletCommand.Consume(key, count, ctx.overdraftLimit(group), idempotencyKey), now);
    Consumption result = run.result();
    if (result instanceof Consumption.Spent && !run.replayed()) {
      ctx.publish(new CreditsEvent.TokensConsumed(userId, group, count, result.balance(),
          ((Consumption.Spent) result).ledgerSeq(), now));
    }
    return result;
  }

  Grant grant(UserId userId, String group, long tokens, Instant expiresAt, String idempotencyKey) {
    WalletKey key = new WalletKey(Checks.present(userId, "userId"), group);
    Checks.positive(tokens, "tokens");
    Checks.requiredKey(idempotencyKey, "idempotencyKey");
    String grantId = "adj_" + idempotencyKey;
    return ctx.store.wallets().execute(new WalletCommand.AddGrant(key, grantId, null, null, false, tokens, Cycle.ONCE,
        1, false, expiresAt, idempotencyKey), ctx.now());
  }

  HoldResult hold(UserId userId, String group, long amount, Duration ttl, String idempotencyKey) {
    WalletKey key = new WalletKey(Checks.present(userId, "userId"), group);
    Checks.present(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new InvalidRequestException("hold ttl must be positive, was " + ttl);
    }
    checkKey(idempotencyKey);
    Instant now = ctx.now();
    // Keyed and generated ids differ in their prefix, so a caller's key can never name a generated hold.
    HoldId id = HoldId.of(idempotencyKey != null ? "hold_" + idempotencyKey : "hold#" + ctx.ids.get());
    try {
      return ctx.store.wallets().execute(new WalletCommand.PlaceHold(key, id, amount,
          Checks.plus(now, ttl, "hold expiry"), idempotencyKey), now);
    } catch (ConflictException e) {
      // A retry comes at another instant, so its expiry differs from the recorded request's: while the
      // hold is in the wallet, ask again with the expiry it was given (the store then replays its result).
      Hold placed = idempotencyKey == null ? null : storedHold(key, id);
      if (placed == null || placed.amount() != amount) {
        throw e;
      }
      return ctx.store.wallets().execute(new WalletCommand.PlaceHold(key, id, amount, placed.expiresAt(),
          idempotencyKey), now);
    }
  }

  private Hold storedHold(WalletKey key, HoldId id) {
    for (Hold h : ctx.store.wallets().find(key).map(Wallet::holds).orElse(List.of())) {
      if (h.id().equals(id)) {
        return h;
      }
    }
    return null;
  }

  HoldSettlement capture(UserId userId, String group, HoldId holdId, long amount, String idempotencyKey) {
    WalletKey key = new WalletKey(Checks.present(userId, "userId"), group);
    checkKey(idempotencyKey);
    Instant now = ctx.now();
    Executed<HoldSettlement> run = ctx.store.wallets().run(
        new WalletCommand.CaptureHold(key, holdId, amount, idempotencyKey), now);
    HoldSettlement s = run.result();
    if (s.spent() > 0 && !run.replayed()) {
      ctx.publish(new CreditsEvent.TokensConsumed(userId, group, s.spent(), s.balance(), s.ledgerSeq(), now));
    }
    return s;
  }

  HoldSettlement release(UserId userId, String group, HoldId holdId, String idempotencyKey) {
    WalletKey key = new WalletKey(Checks.present(userId, "userId"), group);
    checkKey(idempotencyKey);
    return ctx.store.wallets().execute(new WalletCommand.ReleaseHold(key, holdId, idempotencyKey), ctx.now());
  }

  List<LedgerEntry> ledger(UserId userId, String group, long afterSeq, int limit) {
    WalletKey key = new WalletKey(Checks.present(userId, "userId"), group);
    Checks.notNegative(afterSeq, "afterSeq");
    Checks.positive(limit, "limit");
    return ctx.store.wallets().ledger(key, afterSeq, limit);
  }

  UserCredits credits(UserId userId) {
    Checks.present(userId, "userId");
    Instant now = ctx.now();
    Map<String, GroupCredits> groups = new HashMap<>();
    for (Wallet stored : ctx.store.wallets().findByUser(userId)) {
      Wallet w = WalletEngine.view(stored, now);
      groups.put(w.key().offerGroup(), group(w, now));
    }
    return new UserCredits(userId, now, groups);
  }

  boolean isSubscribed(UserId userId, OfferId offerId) {
    Checks.present(offerId, "offerId");
    Instant now = ctx.now();
    for (Wallet stored : ctx.store.wallets().findByUser(Checks.present(userId, "userId"))) {
      for (Grant g : WalletEngine.view(stored, now).grants()) {
        if (g.subscription() && offerId.equals(g.offerId()) && g.state() == GrantState.ACTIVE && g.isActiveAt(now)) {
          return true;
        }
      }
    }
    return false;
  }

  private static GroupCredits group(Wallet w, Instant now) {
    long held = 0;
    for (Hold h : w.holds()) {
      held += h.amount();
    }
    Instant periodStart = null;
    Instant periodEnd = null;
    List<Subscription> subs = new ArrayList<>();
    for (Grant g : w.grants()) {
      boolean live = g.state() == GrantState.ACTIVE || g.state() == GrantState.SCHEDULED;
      if (live && g.expires() != null) {
        if (g.state() == GrantState.ACTIVE && (periodStart == null || g.starts().isBefore(periodStart))) {
          periodStart = g.starts();
        }
        if (periodEnd == null || g.expires().isAfter(periodEnd)) {
          periodEnd = g.expires();
        }
      }
      if (g.subscription()) {
        SubscriptionStatus status = g.state() == GrantState.SCHEDULED ? SubscriptionStatus.PENDING
            : g.state() == GrantState.ACTIVE ? SubscriptionStatus.ACTIVE : SubscriptionStatus.EXPIRED;
        subs.add(new Subscription(g.offerId(), g.orderId(), g.offerGroup(), g.starts(), g.expires(), status));
      }
    }
    return new GroupCredits(w.key().offerGroup(), w.storedBalance(), held, periodStart, periodEnd, w.grants(),
        w.holds(), subs);
  }

  private static void checkKey(String idempotencyKey) {
    Checks.key(idempotencyKey, "idempotencyKey");
  }
}

package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.GrantPlan;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.Refund;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletEngine;
import dev.credits.core.spi.WalletKey;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Disputes (chargebacks) of a paid order. Opened: the order's unspent tokens are frozen. Won: they
 * are released. Lost: the disputed money is recorded as given back (like a refund, with the dispute's
 * id) and the tokens reversed at that level, frozen ones included; what was already spent is
 * reported, and charged to the group's balance (down to minus its overdraft limit) only in groups
 * that allow an overdraft. Each step is one history note, written once by a compare-and-set; a
 * step that arrives after a later one (a "won" delivered before its "opened") is recognised by the
 * notes and does not freeze again. The wallets follow the notes ({@link OrderWallets}).
 */
final class Disputes {
  /** The key a lost dispute's refund record carries, so that it is never taken for a refund notification. */
  static final String CHARGEBACK = "dispute:";

  private final Context ctx;
  private final Orders orders;
  private final OrderWallets wallets;

  Disputes(Context ctx, Orders orders, OrderWallets wallets) {
    this.ctx = ctx;
    this.orders = orders;
    this.wallets = wallets;
  }

  Order handle(Order order, PaymentEvent event) {
    String id = event.objectId() != null ? event.objectId() : event.reference();
    if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.REFUNDED) {
      return order; // nothing was granted, nothing to freeze or take back
    }
    order = orders.ensureGranted(order);
    Instant now = ctx.now();
    String opened = OrderWallets.DISPUTE + id + " opened";
    String won = OrderWallets.DISPUTE + id + " closed won";
    String lost = OrderWallets.DISPUTE + id + " closed lost";
    if (event.type() == PaymentEventType.DISPUTE_CREATED) {
      Orders.Updated noted = orders.update(order, o -> o.hasHistory(opened) || o.hasHistory(won) || o.hasHistory(lost)
          ? o : o.note(now, opened));
      OrderWallets.Synced synced = wallets.sync(noted.order(), now);
      if (noted.changed()) {
        ctx.publish(new CreditsEvent.DisputeOpened(noted.order(), id, event.amount(), synced.frozenMoved(), now));
      }
      return synced.order();
    }
    if (event.type() == PaymentEventType.DISPUTE_WON) {
      Orders.Updated noted = orders.update(order, o -> o.hasHistory(won) || o.hasHistory(lost) ? o : o.note(now, won));
      OrderWallets.Synced synced = wallets.sync(noted.order(), now);
      if (noted.changed()) {
        ctx.publish(new CreditsEvent.DisputeWon(noted.order(), id, synced.frozenMoved(), now));
      }
      return synced.order();
    }
    Money amount = event.amount() != null && event.amount().currency().equals(order.total().currency())
        ? event.amount() : order.total();
    Orders.Updated noted = orders.update(order, o -> o.hasHistory(lost) || o.hasHistory(won) ? o
        : o.withChargeback(new Refund(id, CHARGEBACK + id, new Money(Math.min(o.total().minor(), amount.minor()),
            amount.currency()), now), lost));
    OrderWallets.Synced synced = wallets.sync(noted.order(), now);
    if (noted.changed()) {
      long lostMinor = Math.min(amount.minor(), noted.order().total().minor());
      long notRecovered = 0;
      long charged = 0;
      for (String group : OrderWallets.groups(noted.order())) {
        long shortfall = Math.max(0, boughtBy(noted.order(), group, lostMinor)
            - synced.reversedByGroup().getOrDefault(group, 0L));
        notRecovered += shortfall;
        charged += charge(noted.order(), group, shortfall, id, now);
      }
      ctx.publish(new CreditsEvent.DisputeLost(noted.order(), id, amount, synced.reversed(), notRecovered, charged,
          now));
    }
    return synced.order();
  }

  /**
   * In a group with an overdraft limit, what a lost dispute could not take back is charged to the
   * group's balance, which may go down to minus the limit (so it becomes debt when nothing else is
   * left); keyed by the dispute, so it is charged once. Elsewhere nothing is charged.
   */
  private long charge(Order order, String group, long tokens, String disputeId, Instant now) {
    long limit = ctx.overdraftLimit(group);
    if (tokens <= 0 || limit <= 0) {
      return 0;
    }
    WalletKey key = new WalletKey(order.userId(), group);
    long balance = ctx.store.wallets().find(key).map(w -> WalletEngine.view(w, now).storedBalance()).orElse(0L);
    long count = Math.min(tokens, balance + limit);
    if (count <= 0) {
      return 0;
    }
    Consumption result = ctx.store.wallets().execute(new WalletCommand.Consume(key, count, limit,
        "credits-dispute-debt:" + disputeId), now);
    return result instanceof Consumption.Spent ? count : 0;
  }

  /** The tokens {@code minor} of the order's money bought in one group: its plan's tokens there, pro rata. */
  private static long boughtBy(Order order, String group, long minor) {
    long tokens = 0;
    for (GrantPlan p : order.plan()) {
      if (p.offerGroup().equals(group)) {
        tokens += BigInteger.valueOf(p.tokens()).multiply(BigInteger.valueOf(minor))
            .divide(BigInteger.valueOf(Math.max(1, order.total().minor()))).longValueExact();
      }
    }
    return tokens;
  }
}

package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.GrantPlan;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.Refund;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Disputes (chargebacks) of a paid order. Opened: the order's unspent tokens are frozen. Won: they
 * are released. Lost: the disputed money is recorded as given back (like a refund) and the tokens
 * reversed at that level, frozen ones included; what was already spent is reported, never made debt.
 * Each step is a history note, written once; a step that arrives after a later one (a "won" delivered
 * before its "opened") is recognised by the notes and does not freeze again.
 */
final class Disputes {
  private final Context ctx;
  private final Orders orders;
  private final Payments payments;

  Disputes(Context ctx, Orders orders, Payments payments) {
    this.ctx = ctx;
    this.orders = orders;
    this.payments = payments;
  }

  Order handle(Order order, PaymentEvent event) {
    String id = event.objectId() != null ? event.objectId() : event.reference();
    if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.REFUNDED) {
      return order; // nothing was granted, nothing to freeze or take back
    }
    order = orders.ensureGranted(order);
    Instant now = ctx.now();
    String opened = "dispute " + id + " opened";
    String closed = "dispute " + id + " closed";
    if (event.type() == PaymentEventType.DISPUTE_CREATED) {
      if (order.hasHistory(opened) || order.hasHistory(closed + " won") || order.hasHistory(closed + " lost")) {
        return order;
      }
      Orders.Updated noted = orders.update(order, o -> o.hasHistory(opened) ? o : o.note(now, opened));
      long frozen = freeze(noted.order(), true, now);
      if (noted.changed()) {
        ctx.publish(new CreditsEvent.DisputeOpened(noted.order(), id, event.amount(), frozen, now));
      }
      return noted.order();
    }
    boolean won = event.type() == PaymentEventType.DISPUTE_WON;
    String outcome = closed + (won ? " won" : " lost");
    if (won) {
      Orders.Updated noted = orders.update(order, o -> o.hasHistory(outcome) ? o : o.note(now, outcome));
      long released = freeze(noted.order(), false, now);
      if (noted.changed()) {
        ctx.publish(new CreditsEvent.DisputeWon(noted.order(), id, released, now));
      }
      return noted.order();
    }
    Money amount = event.amount() != null && event.amount().currency().equals(order.total().currency())
        ? event.amount() : order.total();
    Orders.Updated noted = orders.update(order, o -> {
      if (o.hasHistory(outcome)) {
        return o;
      }
      long rest = o.total().minor() - o.refunded().minor();
      Order taken = rest <= 0 || o.status() != OrderStatus.PAID ? o
          : o.withRefund(new Refund(id, null, new Money(Math.min(rest, amount.minor()), amount.currency()), now));
      return taken.note(now, outcome);
    });
    Order after = noted.order();
    long reversed = payments.reverseLevel(after, now);
    freeze(after, false, now); // what the lost money did not pay for is the customer's again
    if (noted.changed()) {
      long bought = boughtBy(after, Math.min(amount.minor(), after.total().minor()));
      ctx.publish(new CreditsEvent.DisputeLost(after, id, amount, reversed, Math.max(0, bought - reversed), now));
    }
    return after;
  }

  private long freeze(Order order, boolean frozen, Instant now) {
    long moved = 0;
    for (String group : groups(order)) {
      moved += ctx.store.wallets().execute(new WalletCommand.Freeze(new WalletKey(order.userId(), group), order.id(),
          frozen), now);
    }
    return moved;
  }

  /** The tokens {@code minor} of the order's money bought: its plan's tokens, pro rata. */
  private static long boughtBy(Order order, long minor) {
    long tokens = 0;
    for (GrantPlan p : order.plan()) {
      tokens += BigInteger.valueOf(p.tokens()).multiply(BigInteger.valueOf(minor))
          .divide(BigInteger.valueOf(Math.max(1, order.total().minor()))).longValueExact();
    }
    return tokens;
  }

  private static Set<String> groups(Order order) {
    Set<String> groups = new LinkedHashSet<>();
    for (GrantPlan p : order.plan()) {
      groups.add(p.offerGroup());
    }
    return groups;
  }
}

package dev.credits.core;

import dev.credits.core.model.GrantPlan;
import dev.credits.core.model.Order;
import dev.credits.core.model.StatusChange;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Brings the wallets of an order in line with its money: the reversal level of its refunded total
 * (a failed refund lowers it, which gives tokens back) and the freeze of an open dispute. Both wallet
 * commands are absolute, so the wallets are a function of the order: after applying them the order
 * is read again, and when another caller changed it meanwhile (a refund and its failure racing) the
 * newer state is applied too. Whoever changes the order last therefore leaves the wallets matching it.
 */
final class OrderWallets {
  private static final int ROUNDS = 16;

  private final Context ctx;
  private final Orders orders;

  OrderWallets(Context ctx, Orders orders) {
    this.ctx = ctx;
    this.orders = orders;
  }

  /**
   * What a sync did: the order it matched, net tokens reversed (negative: given back) in all and per
   * group, tokens frozen or released.
   */
  record Synced(Order order, long reversed, Map<String, Long> reversedByGroup, long frozenMoved) {}

  Synced sync(Order order, Instant now) {
    if (order.total().minor() == 0) {
      return new Synced(order, 0, Map.of(), 0);
    }
    long reversed = 0;
    long moved = 0;
    Map<String, Long> byGroup = new HashMap<>();
    Order current = order;
    for (int round = 0; round < ROUNDS; round++) {
      boolean disputed = disputed(current);
      boolean frozen = openDispute(current);
      for (String group : groups(current)) {
        WalletKey key = new WalletKey(current.userId(), group);
        long taken = ctx.store.wallets().execute(new WalletCommand.Reverse(key, current.id(),
            current.refunded().minor(), current.total().minor(), null), now);
        reversed += taken;
        byGroup.merge(group, taken, Long::sum);
        if (disputed) {
          moved += ctx.store.wallets().execute(new WalletCommand.Freeze(key, current.id(), frozen), now);
        }
      }
      Order again = orders.find(current.id());
      if (again.version() == current.version()) {
        return new Synced(current, reversed, Map.copyOf(byGroup), moved);
      }
      current = again;
    }
    throw new ConflictException("order " + order.id() + " keeps changing while its wallets are updated; retry");
  }

  /** The start of a dispute's history notes: {@code dispute <id> opened}, {@code dispute <id> closed won|lost}. */
  static final String DISPUTE = "dispute ";

  private static boolean disputed(Order order) {
    for (StatusChange c : order.history()) {
      if (c.reason().startsWith(DISPUTE)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some dispute of the order was opened and is not closed yet. */
  static boolean openDispute(Order order) {
    Set<String> open = new HashSet<>();
    Set<String> closed = new HashSet<>();
    for (StatusChange c : order.history()) {
      String r = c.reason();
      if (r.startsWith(DISPUTE) && r.endsWith(" opened")) {
        open.add(r.substring(DISPUTE.length(), r.length() - " opened".length()));
      } else if (r.startsWith(DISPUTE) && r.contains(" closed ")) {
        closed.add(r.substring(DISPUTE.length(), r.indexOf(" closed ")));
      }
    }
    open.removeAll(closed);
    return !open.isEmpty();
  }

  static Set<String> groups(Order order) {
    Set<String> groups = new LinkedHashSet<>();
    for (GrantPlan p : order.plan()) {
      groups.add(p.offerGroup());
    }
    return groups;
  }
}

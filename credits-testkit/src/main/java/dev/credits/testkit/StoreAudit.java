package dev.credits.testkit;

import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletEngine;
import dev.credits.core.spi.WalletKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A read-only snapshot of what a store holds for some users (wallets as of an instant, whole
 * ledgers, orders) with the checks every store must pass: each ledger sums to its balance, each
 * paid order was granted exactly once, no balance is below its overdraft limit. Take it when the
 * store is quiet (after the last write and a final sweep): it reads wallet by wallet.
 */
public final class StoreAudit {
  private static final int PAGE = 500;

  private final Instant at;
  private final Map<WalletKey, Long> balances = new LinkedHashMap<>();
  private final Map<WalletKey, Wallet> stored = new LinkedHashMap<>();
  private final Map<WalletKey, List<LedgerEntry>> ledgers = new LinkedHashMap<>();
  private final List<Order> orders = new ArrayList<>();

  private StoreAudit(Instant at) {
    this.at = at;
  }

  /**
   * Reads every wallet, ledger and order of the given users.
   *
   * @param store the store
   * @param now the instant balances are computed at (expired tokens never count)
   * @param users the users to read
   * @return the snapshot
   */
  public static StoreAudit of(CreditsStore store, Instant now, Collection<UserId> users) {
    Objects.requireNonNull(store, "store == null");
    StoreAudit audit = new StoreAudit(Objects.requireNonNull(now, "now == null"));
    for (UserId user : users) {
      List<Wallet> wallets = new ArrayList<>(store.wallets().findByUser(user));
      wallets.sort(Comparator.comparing(w -> w.key().offerGroup()));
      for (Wallet w : wallets) {
        audit.stored.put(w.key(), w);
        audit.balances.put(w.key(), WalletEngine.view(w, now).storedBalance());
        audit.ledgers.put(w.key(), readLedger(store, w.key()));
      }
      audit.orders.addAll(store.orders().findByUser(user));
    }
    return audit;
  }

  private static List<LedgerEntry> readLedger(CreditsStore store, WalletKey key) {
    List<LedgerEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<LedgerEntry> page = store.wallets().ledger(key, after, PAGE);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      long last = page.get(page.size() - 1).seq();
      if (last <= after) {
        return all; // a store that does not advance: stop, the seq check reports it
      }
      after = last;
    }
  }

  /**
   * Every wallet read, as stored.
   *
   * @return wallet key to stored wallet
   */
  public Map<WalletKey, Wallet> wallets() {
    return Collections.unmodifiableMap(stored);
  }

  /**
   * The instant the balances were computed at.
   *
   * @return the instant
   */
  public Instant at() {
    return at;
  }

  /**
   * The spendable balance of every wallet read.
   *
   * @return wallet to balance
   */
  public Map<WalletKey, Long> balances() {
    return Map.copyOf(balances);
  }

  /**
   * The whole ledger of every wallet read.
   *
   * @return wallet to entries, oldest first
   */
  public Map<WalletKey, List<LedgerEntry>> ledgers() {
    return Map.copyOf(ledgers);
  }

  /**
   * Every order of the users read.
   *
   * @return the orders
   */
  public List<Order> orders() {
    return List.copyOf(orders);
  }

  /**
   * The sum of the amounts of all entries of one type, over all ledgers.
   *
   * @param type the entry type
   * @return the signed sum
   */
  public long sum(LedgerEntryType type) {
    long sum = 0;
    for (List<LedgerEntry> entries : ledgers.values()) {
      for (LedgerEntry e : entries) {
        if (e.type() == type) {
          sum += e.amount();
        }
      }
    }
    return sum;
  }

  /**
   * All entries of one type, over all ledgers.
   *
   * @param type the entry type
   * @return the entries
   */
  public List<LedgerEntry> entries(LedgerEntryType type) {
    List<LedgerEntry> out = new ArrayList<>();
    for (List<LedgerEntry> entries : ledgers.values()) {
      for (LedgerEntry e : entries) {
        if (e.type() == type) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /**
   * Checks that every ledger numbers its entries 1, 2, 3... without gaps, that each entry's
   * {@code balanceAfter} is the running sum, that the amounts sum to the wallet's balance, and that
   * nothing is left due (a final sweep ran).
   *
   * @return one line per problem; empty when all ledgers are sound
   */
  public List<String> ledgerProblems() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<WalletKey, List<LedgerEntry>> w : ledgers.entrySet()) {
      WalletKey key = w.getKey();
      long sum = 0;
      long expectedSeq = 1;
      for (LedgerEntry e : w.getValue()) {
        sum += e.amount();
        if (e.seq() != expectedSeq) {
          problems.add(name(key) + ": entry seq " + e.seq() + " where " + expectedSeq + " was expected");
          expectedSeq = e.seq();
        }
        expectedSeq++;
        if (e.balanceAfter() != sum) {
          problems.add(name(key) + ": entry " + e.seq() + " says balance " + e.balanceAfter() + ", running sum is "
              + sum);
          sum = e.balanceAfter();
        }
      }
      long total = w.getValue().stream().mapToLong(LedgerEntry::amount).sum();
      long balance = balances.get(key);
      if (total != balance) {
        problems.add(name(key) + ": ledger sums to " + total + ", balance is " + balance);
      }
      Instant due = stored.get(key).nextDueAt();
      if (due != null && !due.isAfter(at)) {
        problems.add(name(key) + ": still has something due at " + due + " after the final sweep");
      }
    }
    return problems;
  }

  /**
   * Checks that each PAID or REFUNDED order is marked granted and has exactly one GRANT entry per
   * item of its plan, for the planned tokens, and that every other order has none.
   *
   * @return one line per problem; empty when every order was granted exactly as paid
   */
  public List<String> grantProblems() {
    Map<String, List<LedgerEntry>> byOrder = new HashMap<>();
    for (LedgerEntry e : entries(LedgerEntryType.GRANT)) {
      if (e.orderId() != null) {
        byOrder.computeIfAbsent(e.orderId(), o -> new ArrayList<>()).add(e);
      }
    }
    List<String> problems = new ArrayList<>();
    for (Order o : orders) {
      List<LedgerEntry> grants = byOrder.getOrDefault(o.id().value(), List.of());
      boolean paid = o.status() == OrderStatus.PAID || o.status() == OrderStatus.REFUNDED;
      if (!paid) {
        if (!grants.isEmpty()) {
          problems.add("order " + o.id() + " is " + o.status() + " but was granted " + grants.size() + " time(s)");
        }
        continue;
      }
      if (!o.granted()) {
        problems.add("order " + o.id() + " is " + o.status() + " but not marked granted");
      }
      if (grants.size() != o.plan().size()) {
        problems.add("order " + o.id() + " (" + o.status() + ") has " + grants.size() + " GRANT entries, plan has "
            + o.plan().size() + " item(s)");
        continue;
      }
      long planned = o.plan().stream().mapToLong(p -> p.tokens()).sum();
      long granted = grants.stream().mapToLong(LedgerEntry::amount).sum();
      if (planned != granted) {
        problems.add("order " + o.id() + " granted " + granted + " tokens, plan says " + planned);
      }
    }
    return problems;
  }

  /**
   * Checks that no balance is below minus its group's overdraft limit (0 for groups without one).
   *
   * @param overdraftLimits group to limit
   * @return one line per problem; empty when every balance is within its limit
   */
  public List<String> overdraftProblems(Map<String, Long> overdraftLimits) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<WalletKey, Long> b : balances.entrySet()) {
      long limit = overdraftLimits.getOrDefault(b.getKey().offerGroup(), 0L);
      if (b.getValue() < -limit) {
        problems.add(name(b.getKey()) + ": balance " + b.getValue() + " is below -" + limit);
      }
    }
    return problems;
  }

  private static String name(WalletKey key) {
    return key.userId().value() + "/" + key.offerGroup();
  }
}

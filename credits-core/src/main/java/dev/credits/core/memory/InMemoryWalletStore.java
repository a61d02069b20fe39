package dev.credits.core.memory;

import dev.credits.core.ConflictException;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.Executed;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletChange;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import dev.credits.core.spi.WalletStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** Wallets in memory: one monitor per wallet, so different wallets never contend. */
final class InMemoryWalletStore implements WalletStore {
  /** One wallet with its ledger and recorded idempotency keys; guarded by its own monitor. */
  private static final class Slot {
    Wallet wallet;
    Object ledger; // null, one LedgerEntry, or an ArrayList of them: most wallets have very few entries
    Map<String, Recorded> keys; // allocated on first use

    Slot(WalletKey key) {
      this.wallet = Wallet.empty(key);
    }
  }

  private record Recorded(WalletCommand<?> command, Object result) {}

  private record Due(Instant at, String userId, String offerGroup) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      if (c == 0) {
        c = userId.compareTo(o.userId);
      }
      return c != 0 ? c : offerGroup.compareTo(o.offerGroup);
    }
  }

  private final Map<UserId, Map<String, Slot>> users = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Due> due = new ConcurrentSkipListSet<>();

  @Override
  public <R> R execute(WalletCommand<R> command, Instant now) {
    return run(command, now).result();
  }

  @Override
  public <R> Executed<R> run(WalletCommand<R> command, Instant now) {
    WalletKey key = command.key();
    Slot slot = users.computeIfAbsent(key.userId(), u -> new ConcurrentHashMap<>(2))
        .computeIfAbsent(key.offerGroup(), g -> new Slot(key));
    synchronized (slot) {
      String idem = command.idempotencyKey();
      if (idem != null && slot.keys != null) {
        Recorded seen = slot.keys.get(idem);
        if (seen != null) {
          if (!seen.command().equals(command)) {
            throw new ConflictException("idempotency key '" + idem + "' was already used for a different request on "
                + key.offerGroup());
          }
          @SuppressWarnings("unchecked")
          R result = (R) seen.result();
          return Executed.replay(result);
        }
      }
      WalletChange<R> change = command.apply(slot.wallet, now);
      if (change.changed()) {
        Instant before = slot.wallet.nextDueAt();
        slot.wallet = change.wallet();
        for (LedgerEntry e : change.entries()) {
          append(slot, e);
        }
        reindex(key, before, slot.wallet.nextDueAt());
      }
      if (idem != null && change.effective()) {
        if (slot.keys == null) {
          slot.keys = new HashMap<>(4);
        }
        slot.keys.put(idem, new Recorded(command, change.result()));
      }
      return Executed.applied(change.result());
    }
  }

  @SuppressWarnings("unchecked")
  private static void append(Slot slot, LedgerEntry e) {
    if (slot.ledger == null) {
      slot.ledger = e;
    } else if (slot.ledger instanceof LedgerEntry) {
      List<LedgerEntry> list = new ArrayList<>(4);
      list.add((LedgerEntry) slot.ledger);
      list.add(e);
      slot.ledger = list;
    } else {
      ((List<LedgerEntry>) slot.ledger).add(e);
    }
  }

  private void reindex(WalletKey key, Instant before, Instant after) {
    if (before != null && !before.equals(after)) {
      due.remove(new Due(before, key.userId().value(), key.offerGroup()));
    }
    if (after != null) {
      due.add(new Due(after, key.userId().value(), key.offerGroup()));
    }
  }

  private Slot slot(WalletKey key) {
    Map<String, Slot> groups = users.get(key.userId());
    return groups == null ? null : groups.get(key.offerGroup());
  }

  @Override
  public Optional<Wallet> find(WalletKey key) {
    Slot slot = slot(key);
    if (slot == null) {
      return Optional.empty();
    }
    synchronized (slot) {
      return slot.wallet.version() == 0 ? Optional.empty() : Optional.of(slot.wallet);
    }
  }

  @Override
  public List<Wallet> findByUser(UserId userId) {
    Map<String, Slot> groups = users.get(userId);
    if (groups == null) {
      return List.of();
    }
    List<Wallet> out = new ArrayList<>(groups.size());
    for (Slot slot : groups.values()) {
      synchronized (slot) {
        if (slot.wallet.version() > 0) {
          out.add(slot.wallet);
        }
      }
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<LedgerEntry> ledger(WalletKey key, long afterSeq, int limit) {
    Slot slot = slot(key);
    if (slot == null || limit <= 0) {
      return List.of();
    }
    synchronized (slot) {
      if (slot.ledger == null) {
        return List.of();
      }
      if (slot.ledger instanceof LedgerEntry) {
        LedgerEntry only = (LedgerEntry) slot.ledger;
        return only.seq() > afterSeq ? List.of(only) : List.of();
      }
      List<LedgerEntry> all = (List<LedgerEntry>) slot.ledger;
      int from = (int) Math.min(Math.max(afterSeq, 0), all.size()); // seq n sits at index n - 1
      int to = (int) Math.min((long) from + limit, all.size());
      return List.copyOf(all.subList(from, to));
    }
  }

  @Override
  public List<WalletKey> findDue(Instant until, int limit) {
    List<WalletKey> out = new ArrayList<>();
    for (Due d : due) {
      if (d.at().isAfter(until) || out.size() >= limit) {
        break;
      }
      out.add(new WalletKey(UserId.of(d.userId()), d.offerGroup()));
    }
    return out;
  }
}

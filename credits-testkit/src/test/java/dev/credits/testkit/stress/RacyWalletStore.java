package dev.credits.testkit.stress;

import dev.credits.core.ConflictException;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletChange;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import dev.credits.core.spi.WalletStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deliberately broken wallet store: every command is applied under the wallet's lock except
 * {@link WalletCommand.Consume}, which reads the wallet, yields, and then writes its result over
 * whatever is there (a lost update, the bug of the seed projects).
 */
final class RacyWalletStore implements WalletStore {
  private static final class Slot {
    volatile Wallet wallet;
    final List<LedgerEntry> ledger = new ArrayList<>();
    final Map<String, Object> keys = new HashMap<>();
    final Map<String, WalletCommand<?>> commands = new HashMap<>();

    Slot(WalletKey key) {
      wallet = Wallet.empty(key);
    }
  }

  private final Map<WalletKey, Slot> slots = new ConcurrentHashMap<>();

  @Override
  public <R> R execute(WalletCommand<R> command, Instant now) {
    Slot slot = slots.computeIfAbsent(command.key(), Slot::new);
    if (!(command instanceof WalletCommand.Consume)) {
      synchronized (slot) {
        return apply(slot, command, slot.wallet, now);
      }
    }
    synchronized (slot) {
      R seen = replay(slot, command);
      if (seen != null) {
        return seen;
      }
    }
    Wallet snapshot = slot.wallet; // read without the lock...
    Thread.yield();
    synchronized (slot) { // ...and write over whatever another thread wrote meanwhile
      return apply(slot, command, snapshot, now);
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> R replay(Slot slot, WalletCommand<R> command) {
    String key = command.idempotencyKey();
    if (key == null || !slot.keys.containsKey(key)) {
      return null;
    }
    if (!slot.commands.get(key).equals(command)) {
      throw new ConflictException("idempotency key " + key + " was used for another request");
    }
    return (R) slot.keys.get(key);
  }

  private static <R> R apply(Slot slot, WalletCommand<R> command, Wallet base, Instant now) {
    R seen = replay(slot, command);
    if (seen != null) {
      return seen;
    }
    WalletChange<R> change = command.apply(base, now);
    if (change.changed()) {
      slot.wallet = change.wallet();
      slot.ledger.addAll(change.entries());
    }
    if (command.idempotencyKey() != null && change.effective()) {
      slot.keys.put(command.idempotencyKey(), change.result());
      slot.commands.put(command.idempotencyKey(), command);
    }
    return change.result();
  }

  @Override
  public Optional<Wallet> find(WalletKey key) {
    Slot slot = slots.get(key);
    return slot == null || slot.wallet.version() == 0 ? Optional.empty() : Optional.of(slot.wallet);
  }

  @Override
  public List<Wallet> findByUser(UserId userId) {
    List<Wallet> out = new ArrayList<>();
    for (Slot slot : slots.values()) {
      if (slot.wallet.key().userId().equals(userId) && slot.wallet.version() > 0) {
        out.add(slot.wallet);
      }
    }
    return out;
  }

  @Override
  public List<LedgerEntry> ledger(WalletKey key, long afterSeq, int limit) {
    Slot slot = slots.get(key);
    if (slot == null) {
      return List.of();
    }
    synchronized (slot) {
      List<LedgerEntry> out = new ArrayList<>();
      for (LedgerEntry e : slot.ledger) {
        if (e.seq() > afterSeq && out.size() < limit) {
          out.add(e);
        }
      }
      return out;
    }
  }

  @Override
  public List<WalletKey> findDue(Instant until, int limit) {
    List<Wallet> due = new ArrayList<>();
    for (Slot slot : slots.values()) {
      Instant at = slot.wallet.nextDueAt();
      if (at != null && !at.isAfter(until)) {
        due.add(slot.wallet);
      }
    }
    due.sort(Comparator.comparing(Wallet::nextDueAt));
    List<WalletKey> out = new ArrayList<>();
    for (Wallet w : due.subList(0, Math.min(limit, due.size()))) {
      out.add(w.key());
    }
    return out;
  }
}

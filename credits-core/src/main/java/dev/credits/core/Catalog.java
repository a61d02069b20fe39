package dev.credits.core;

import dev.credits.core.internal.Checks;
import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which offers a user sees and may order. */
final class Catalog {
  /**
   * Among offers sharing an overriding key the winner is: highest weight, then an unlocked offer over
   * a regular one, then the smallest id (string order). Deterministic whatever the store's order.
   */
  static final Comparator<Offer> OVERRIDE_ORDER = Comparator.comparingInt(Offer::weight).reversed()
      .thenComparing(Offer::isLocked, Comparator.reverseOrder())
      .thenComparing(o -> o.id().value());

  private final Context ctx;

  Catalog(Context ctx) {
    this.ctx = ctx;
  }

  Offer save(Offer offer) {
    Checks.present(offer, "offer");
    ctx.store.offers().save(offer);
    return offer;
  }

  Offer find(OfferId id) {
    Checks.present(id, "offerId");
    return ctx.store.offers().find(id).orElseThrow(() -> new NotFoundException("no offer " + id));
  }

  List<Offer> load(UserId userId, String... tags) {
    Checks.present(userId, "userId");
    Set<String> wanted = new HashSet<>();
    for (String t : tags == null ? new String[0] : tags) {
      wanted.add(Checks.text(t, "tag"));
    }
    Set<String> unlocking = activeSubscriptionGroups(userId, ctx.now());
    Map<String, Offer> byKey = new HashMap<>();
    List<Offer> visible = new ArrayList<>();
    for (Offer o : ctx.store.offers().findAll()) {
      if (!isVisible(o, unlocking)) {
        continue;
      }
      if (o.overridingKey() == null) {
        visible.add(o);
      } else {
        byKey.merge(o.overridingKey(), o, (a, b) -> OVERRIDE_ORDER.compare(a, b) <= 0 ? a : b);
      }
    }
    visible.addAll(byKey.values());
    visible.removeIf(o -> !o.tags().containsAll(wanted));
    visible.sort(Comparator.comparingLong(Offer::popularity).reversed().thenComparing(o -> o.id().value()));
    return List.copyOf(visible);
  }

  /** Throws unless the user may order the offer. */
  void checkOrderable(Offer offer, UserId userId) {
    if (offer.isLocked() && !isVisible(offer, activeSubscriptionGroups(userId, ctx.now()))) {
      throw new InvalidStateException("offer " + offer.id() + " is locked: it needs an active subscription in "
          + offer.unlockedBy());
    }
  }

  private static boolean isVisible(Offer o, Set<String> unlocking) {
    if (!o.isLocked()) {
      return true;
    }
    for (String g : o.unlockedBy()) {
      if (unlocking.contains(g)) {
        return true;
      }
    }
    return false;
  }

  /** Groups where the user holds a paid subscription whose period contains now. */
  Set<String> activeSubscriptionGroups(UserId userId, Instant now) {
    Set<String> groups = new HashSet<>();
    for (Wallet stored : ctx.store.wallets().findByUser(userId)) {
      Wallet w = WalletEngine.view(stored, now);
      for (Grant g : w.grants()) {
        if (g.subscription() && g.state() == GrantState.ACTIVE && g.isActiveAt(now)) {
          groups.add(g.offerGroup());
        }
      }
    }
    return groups;
  }
}

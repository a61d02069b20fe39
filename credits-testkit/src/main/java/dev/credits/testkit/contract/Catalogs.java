package dev.credits.testkit.contract;

import dev.credits.core.Credits;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Grant;
import dev.credits.core.model.GroupCredits;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.UserId;
import java.util.List;

/**
 * Sample offers and purchase steps shared by the offers, orders, payments and events sections.
 * Every offer is a fresh value; a section saves the ones it needs.
 */
final class Catalogs {
  /** A group of plain token packs. */
  static final String CHAT = "chat";
  /** The group of the "pro" subscription, which unlocks subscriber-only offers. */
  static final String PRO = "pro";
  /** A buyer. */
  static final UserId ALICE = UserId.of("alice");
  /** Another buyer. */
  static final UserId BOB = UserId.of("bob");

  private Catalogs() {}

  /** 100 chat tokens that never expire, 5.00 USD. */
  static Offer chatPack() {
    return Offer.builder("chat-pack", "Chat, 100 tokens").group(CHAT).price("5.00", "USD").tokens(100)
        .quantityLimit(10).tags("chat").popularity(10).build();
  }

  /** A monthly subscription in group {@link #PRO}: 1000 tokens a month, 9.99 USD. */
  static Offer proMonthly() {
    return Offer.builder("pro-monthly", "Pro, monthly").kind(OfferKind.SUBSCRIPTION).group(PRO)
        .price("9.99", "USD").tokens(1_000).cycle(Cycle.MONTHLY).quantityLimit(12).tags("pro").popularity(5)
        .build();
  }

  /** A chat pack only subscribers of {@link #PRO} may see and order, 3.00 USD. */
  static Offer proOnlyPack() {
    return Offer.builder("pro-pack", "Chat, 100 tokens, subscriber price").group(CHAT).price("3.00", "USD")
        .tokens(100).unlockedBy(PRO).tags("chat").popularity(1).build();
  }

  /** A token pack with a chosen id, group, price (USD) and token count. */
  static Offer pack(String id, String group, String usd, long tokens) {
    return Offer.builder(id, id).group(group).price(usd, "USD").tokens(tokens).build();
  }

  /** Saves offers through the facade. */
  static void save(Credits credits, Offer... offers) {
    for (Offer o : offers) {
      credits.saveOffer(o);
    }
  }

  /** Creates an order and starts its payment; the order stays PENDING with a payment reference. */
  static Order started(CreditsFixture f, OfferId offer, UserId user, long quantity) {
    Order order = f.credits().createOrder(offer, user, quantity);
    f.credits().startPayment(order.id(), user);
    return f.credits().getOrder(order.id(), user);
  }

  /** Orders, pays through the fake gateway and confirms: the order comes back PAID and granted. */
  static Order buy(CreditsFixture f, OfferId offer, UserId user, long quantity) {
    Order order = started(f, offer, user, quantity);
    return f.credits().confirmPayment(order.id(), user);
  }

  /** {@link #buy(CreditsFixture, OfferId, UserId, long)} of one unit. */
  static Order buy(CreditsFixture f, Offer offer, UserId user) {
    return buy(f, offer.id(), user, 1);
  }

  /** The spendable balance of a group now. */
  static long balance(CreditsFixture f, UserId user, String group) {
    return f.credits().getUserCredits(user).balance(group);
  }

  /** The grants of a group now (empty when the user never had the group). */
  static List<Grant> grants(CreditsFixture f, UserId user, String group) {
    return f.credits().getUserCredits(user).group(group).map(GroupCredits::grants).orElse(List.of());
  }

  /** The single grant of a group now; fails when there is not exactly one. */
  static Grant onlyGrant(CreditsFixture f, UserId user, String group) {
    List<Grant> all = grants(f, user, group);
    if (all.size() != 1) {
      throw new AssertionError("expected one grant in " + group + ", found " + all);
    }
    return all.get(0);
  }
}

package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Catalogs.ALICE;
import static dev.credits.testkit.contract.Catalogs.BOB;
import static dev.credits.testkit.contract.Catalogs.CHAT;
import static dev.credits.testkit.contract.Catalogs.PRO;
import static dev.credits.testkit.contract.Catalogs.balance;
import static dev.credits.testkit.contract.Catalogs.buy;
import static dev.credits.testkit.contract.Catalogs.chatPack;
import static dev.credits.testkit.contract.Catalogs.onlyGrant;
import static dev.credits.testkit.contract.Catalogs.pack;
import static dev.credits.testkit.contract.Catalogs.proMonthly;
import static dev.credits.testkit.contract.Catalogs.proOnlyPack;
import static dev.credits.testkit.contract.Catalogs.save;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.Credits;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.NotFoundException;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.GroupCredits;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.SubscriptionStatus;
import dev.credits.core.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on offers: visibility, unlocking, overriding, tags, bundles, prices. */
public abstract class OffersContract extends ContractSection {
  private static final Instant FEB_28 = Instant.parse("2026-02-28T10:00:00Z");

  /** Creates the section. */
  protected OffersContract() {}

  private List<String> ids(UserId user, String... tags) {
    return f.credits().loadOffers(user, tags).stream().map(o -> o.id().value()).collect(Collectors.toList());
  }

  private Credits credits() {
    return f.credits();
  }

  // ---- visibility ----

  @Test
  @DisplayName("a brand-new user loads the regular offers, most popular first, and has no history")
  void newUserLoadsRegularOffers() {
    save(credits(), proOnlyPack(), proMonthly(), chatPack());

    assertThat(ids(ALICE)).containsExactly("chat-pack", "pro-monthly");
    assertThat(credits().getUserCredits(ALICE).groups()).isEmpty();
    assertThat(credits().getOrders(ALICE)).isEmpty();
    assertThat(credits().isUserAlreadySubscribed(ALICE, proMonthly().id())).isFalse();
  }

  @Test
  @DisplayName("offers with equal popularity are listed by id")
  void equalPopularitySortsById() {
    save(credits(), pack("b-pack", CHAT, "1.00", 1), pack("c-pack", CHAT, "1.00", 1), pack("a-pack", CHAT, "1.00", 1));

    assertThat(ids(ALICE)).containsExactly("a-pack", "b-pack", "c-pack");
  }

  @Test
  @DisplayName("a locked offer stays hidden until its buyer's subscription in an unlocking group is paid")
  void lockedOfferHiddenUntilSubscriptionPaid() {
    save(credits(), chatPack(), proMonthly(), proOnlyPack());
    Order pending = credits().createOrder(proMonthly().id(), ALICE, 1);
    credits().startPayment(pending.id(), ALICE);
    assertThat(ids(ALICE)).as("pending subscription").doesNotContain("pro-pack");

    credits().confirmPayment(pending.id(), ALICE);

    assertThat(ids(ALICE)).containsExactly("chat-pack", "pro-monthly", "pro-pack");
    assertThat(ids(BOB)).as("another user").doesNotContain("pro-pack");
    assertThat(credits().createOrder(proOnlyPack().id(), ALICE, 1).status()).isEqualTo(OrderStatus.PENDING);
  }

  @Test
  @DisplayName("a subscription order whose payment was declined unlocks nothing")
  void refusedSubscriptionUnlocksNothing() {
    save(credits(), proMonthly(), proOnlyPack());
    Order order = Catalogs.started(f, proMonthly().id(), ALICE, 1);
    f.gateway().willDecline("card declined");

    assertThat(credits().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(ids(ALICE)).doesNotContain("pro-pack");
  }

  @Test
  @DisplayName("tokens bought in an unlocking group do not unlock: only a subscription does")
  void tokenPackDoesNotUnlock() {
    save(credits(), pack("pro-tokens", PRO, "1.00", 10), proOnlyPack());
    buy(f, pack("pro-tokens", PRO, "1.00", 10), ALICE);

    assertThat(balance(f, ALICE, PRO)).isEqualTo(10);
    assertThat(ids(ALICE)).doesNotContain("pro-pack");
    assertThatThrownBy(() -> credits().createOrder(proOnlyPack().id(), ALICE, 1))
        .isInstanceOf(InvalidStateException.class);
  }

  @Test
  @DisplayName("a subscription that grants no tokens still unlocks")
  void tokenlessSubscriptionUnlocks() {
    Offer access = Offer.builder("pro-access", "Pro access").kind(OfferKind.SUBSCRIPTION).group(PRO)
        .price("4.00", "USD").cycle(Cycle.MONTHLY).build();
    save(credits(), access, proOnlyPack());

    assertThat(buy(f, access, ALICE).status()).isEqualTo(OrderStatus.PAID);

    assertThat(credits().isUserAlreadySubscribed(ALICE, access.id())).isTrue();
    assertThat(ids(ALICE)).contains("pro-pack");
  }

  @Test
  @DisplayName("an expired subscription no longer unlocks, even before any sweep ran")
  void expiredSubscriptionNoLongerUnlocks() {
    save(credits(), proMonthly(), proOnlyPack());
    buy(f, proMonthly(), ALICE);

    f.clock().set(FEB_28.minusSeconds(1));
    assertThat(ids(ALICE)).contains("pro-pack");

    f.clock().set(FEB_28);
    assertThat(ids(ALICE)).doesNotContain("pro-pack");
    assertThat(credits().isUserAlreadySubscribed(ALICE, proMonthly().id())).isFalse();
    assertThatThrownBy(() -> credits().createOrder(proOnlyPack().id(), ALICE, 1))
        .isInstanceOf(InvalidStateException.class);
  }

  // ---- overriding keys ----

  @Test
  @DisplayName("among offers sharing an overriding key only the highest weight is shown")
  void highestWeightWins() {
    save(credits(), chatPack(),
        Offer.builder("plan-basic", "Basic").group(CHAT).price("1.00", "USD").tokens(10).overrides("plan", 1).build(),
        Offer.builder("plan-plus", "Plus").group(CHAT).price("1.00", "USD").tokens(20).overrides("plan", 5).build(),
        Offer.builder("plan-max", "Max").group(CHAT).price("1.00", "USD").tokens(30).overrides("plan", 3).build());

    assertThat(ids(ALICE)).containsExactly("chat-pack", "plan-plus");
  }

  @Test
  @DisplayName("a weight tie keeps the smallest id, whatever order the offers were saved in")
  void weightTieKeepsSmallestId() {
    save(credits(),
        Offer.builder("tie-b", "B").group(CHAT).price("1.00", "USD").tokens(1).overrides("k1", 2).build(),
        Offer.builder("tie-a", "A").group(CHAT).price("1.00", "USD").tokens(1).overrides("k1", 2).build(),
        Offer.builder("alt-a", "A").group(CHAT).price("1.00", "USD").tokens(1).overrides("k2", 2).build(),
        Offer.builder("alt-b", "B").group(CHAT).price("1.00", "USD").tokens(1).overrides("k2", 2).build());

    assertThat(ids(ALICE)).containsExactly("alt-a", "tie-a");
    assertThat(ids(ALICE)).as("stable on every load").containsExactly("alt-a", "tie-a");
  }

  @Test
  @DisplayName("an unlocked offer replaces the regular one on a weight tie, but never a heavier regular one")
  void unlockedOfferWinsTies() {
    save(credits(), proMonthly(),
        Offer.builder("a-starter", "Starter").group(CHAT).price("5.00", "USD").tokens(100).overrides("starter", 5)
            .build(),
        Offer.builder("z-starter-pro", "Starter, subscriber").group(CHAT).price("3.00", "USD").tokens(100)
            .overrides("starter", 5).unlockedBy(PRO).build(),
        Offer.builder("pack-regular", "Pack").group(CHAT).price("5.00", "USD").tokens(100).overrides("pack", 10)
            .build(),
        Offer.builder("pack-pro", "Pack, subscriber").group(CHAT).price("3.00", "USD").tokens(100)
            .overrides("pack", 1).unlockedBy(PRO).build());
    assertThat(ids(ALICE)).containsExactly("pro-monthly", "a-starter", "pack-regular");

    buy(f, proMonthly(), ALICE);

    assertThat(ids(ALICE)).containsExactly("pro-monthly", "pack-regular", "z-starter-pro");
  }

  @Test
  @DisplayName("a heavier locked offer replaces the regular one once unlocked")
  void heavierUnlockedOfferReplacesRegular() {
    save(credits(), proMonthly(),
        Offer.builder("chat-std", "Chat").group(CHAT).price("5.00", "USD").tokens(100).overrides("chat", 0).build(),
        Offer.builder("chat-sub", "Chat, subscriber").group(CHAT).price("3.00", "USD").tokens(100)
            .overrides("chat", 10).unlockedBy(PRO).build());
    assertThat(ids(ALICE)).contains("chat-std").doesNotContain("chat-sub");

    buy(f, proMonthly(), ALICE);

    assertThat(ids(ALICE)).contains("chat-sub").doesNotContain("chat-std");
    assertThat(ids(BOB)).contains("chat-std").doesNotContain("chat-sub");
  }

  // ---- tags ----

  @Test
  @DisplayName("tag filtering requires every given tag and never reveals a locked offer")
  void tagsRequireAllAndNeverLeakLockedOffers() {
    save(credits(), proMonthly(),
        Offer.builder("t-fast", "Fast").group(CHAT).price("1.00", "USD").tokens(1).tags("ai", "fast").popularity(3)
            .build(),
        Offer.builder("t-ai", "AI").group(CHAT).price("1.00", "USD").tokens(1).tags("ai").popularity(2).build(),
        Offer.builder("t-pro", "Pro").group(CHAT).price("1.00", "USD").tokens(1).tags("ai", "fast").unlockedBy(PRO)
            .build());

    assertThat(ids(ALICE, "ai", "fast")).containsExactly("t-fast");
    assertThat(ids(ALICE, "ai")).containsExactly("t-fast", "t-ai");
    assertThat(ids(ALICE, "missing")).isEmpty();

    buy(f, proMonthly(), ALICE);

    assertThat(ids(ALICE, "ai", "fast")).containsExactly("t-fast", "t-pro");
    assertThat(ids(BOB, "ai", "fast")).containsExactly("t-fast");
  }

  @Test
  @DisplayName("a blank tag is rejected")
  void blankTagRejected() {
    save(credits(), chatPack());

    assertThatThrownBy(() -> credits().loadOffers(ALICE, " ")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> credits().loadOffers(null)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("tags filter the winners of overriding keys: a replaced offer never comes back through a tag")
  void tagsApplyAfterOverriding() {
    save(credits(),
        Offer.builder("o-low", "Low").group(CHAT).price("1.00", "USD").tokens(1).overrides("o", 1).tags("sale")
            .build(),
        Offer.builder("o-high", "High").group(CHAT).price("1.00", "USD").tokens(1).overrides("o", 2).build());

    assertThat(ids(ALICE, "sale")).isEmpty();
    assertThat(ids(ALICE)).containsExactly("o-high");
  }

  // ---- bundles ----

  private Offer bundle() {
    return Offer.builder("starter-bundle", "Starter bundle").group("bundles").price("12.00", "USD")
        .item("chat-pack", "bonus", 2, null)
        .item("img-weekly", "images", 1, Cycle.MONTHLY)
        .item("pro-monthly", PRO, 1, null)
        .build();
  }

  @Test
  @DisplayName("a bundle grants each item's tokens into the item's own group with its own period")
  void bundleGrantsEachItemInItsGroup() {
    save(credits(), chatPack(), proMonthly(), proOnlyPack(),
        Offer.builder("img-weekly", "Images").group("images").price("2.00", "USD").tokens(50).cycle(Cycle.WEEKLY)
            .build(),
        bundle());

    Order order = buy(f, bundle().id(), ALICE, 1);

    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(order.total()).isEqualTo(Money.ofMinor(1200, "USD"));
    Map<String, GroupCredits> groups = credits().getUserCredits(ALICE).groups();
    assertThat(groups).as("the item's group, not the item offer's").containsOnlyKeys("bonus", "images", PRO);
    Grant chat = onlyGrant(f, ALICE, "bonus");
    assertThat(chat.initial()).isEqualTo(200);
    assertThat(chat.expires()).as("the pack's own cycle: once").isNull();
    Grant images = onlyGrant(f, ALICE, "images");
    assertThat(images.initial()).isEqualTo(50);
    assertThat(images.expires()).as("the item's cycle replaces the pack's weekly one").isEqualTo(FEB_28);
    Grant pro = onlyGrant(f, ALICE, PRO);
    assertThat(pro.initial()).isEqualTo(1_000);
    assertThat(pro.expires()).isEqualTo(FEB_28);
    assertThat(credits().isUserAlreadySubscribed(ALICE, proMonthly().id())).isTrue();
    assertThat(ids(ALICE)).as("the bundled subscription unlocks").contains("pro-pack");
  }

  @Test
  @DisplayName("ordering several bundles multiplies every item's tokens")
  void bundleQuantityMultipliesItems() {
    save(credits(), chatPack(),
        Offer.builder("img-weekly", "Images").group("images").price("2.00", "USD").tokens(50).cycle(Cycle.WEEKLY)
            .build(),
        Offer.builder("duo", "Duo").group("bundles").price("7.00", "USD").item("chat-pack", CHAT, 2, null)
            .item("img-weekly", "images", 1, null).build());

    Order order = buy(f, OfferId.of("duo"), ALICE, 3);

    assertThat(order.total()).isEqualTo(Money.ofMinor(2_100, "USD"));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(600);
    assertThat(balance(f, ALICE, "images")).isEqualTo(150);
    assertThat(onlyGrant(f, ALICE, "images").expires()).isEqualTo(Instant.parse("2026-02-07T10:00:00Z"));
  }

  @Test
  @DisplayName("a bundle naming an unknown offer cannot be ordered, and nothing is written")
  void bundleWithUnknownItem() {
    save(credits(), chatPack(), Offer.builder("broken", "Broken bundle").group("bundles").price("1.00", "USD")
        .item("chat-pack", CHAT, 1, null).item("gone", "gone", 1, null).build());

    assertThatThrownBy(() -> credits().createOrder(OfferId.of("broken"), ALICE, 1))
        .isInstanceOf(NotFoundException.class);
    assertThat(credits().getOrders(ALICE)).isEmpty();
    assertThat(f.events().all()).isEmpty();
  }

  // ---- cycles ----

  @Test
  @DisplayName("every cycle ends on its calendar date in UTC, starting Jan 31 10:00")
  void everyCycleEndsOnItsCalendarDate() {
    Map<Cycle, String> expected = new LinkedHashMap<>();
    expected.put(Cycle.DAILY, "2026-02-01T10:00:00Z");
    expected.put(Cycle.WEEKLY, "2026-02-07T10:00:00Z");
    expected.put(Cycle.BI_WEEKLY, "2026-02-14T10:00:00Z");
    expected.put(Cycle.MONTHLY, "2026-02-28T10:00:00Z");
    expected.put(Cycle.TRIMESTER, "2026-04-30T10:00:00Z");
    expected.put(Cycle.SEMESTER, "2026-07-31T10:00:00Z");
    expected.put(Cycle.YEARLY, "2027-01-31T10:00:00Z");
    expected.put(Cycle.of(Duration.ofHours(2)), "2026-01-31T12:00:00Z");
    expected.put(Cycle.of(Period.ofDays(10)), "2026-02-10T10:00:00Z");
    int n = 0;
    SoftAssertions soft = new SoftAssertions();
    for (Map.Entry<Cycle, String> e : expected.entrySet()) {
      String group = "g" + n++;
      Offer offer = Offer.builder("o-" + group, e.getKey().name()).kind(OfferKind.SUBSCRIPTION).group(group)
          .price("1.00", "USD").tokens(10).cycle(e.getKey()).build();
      credits().saveOffer(offer);
      buy(f, offer, ALICE);
      Grant g = onlyGrant(f, ALICE, group);
      soft.assertThat(g.starts()).as(e.getKey().name() + " starts").isEqualTo(f.clock().instant());
      soft.assertThat(g.expires()).as(e.getKey().name() + " ends").isEqualTo(Instant.parse(e.getValue()));
    }
    soft.assertAll();
  }

  @Test
  @DisplayName("Jan 31 + 1 month is Feb 28, and two months are added in one step (Mar 31, not Mar 28)")
  void monthEndArithmetic() {
    save(credits(), proMonthly());

    buy(f, proMonthly(), ALICE);
    Order twoMonths = buy(f, proMonthly().id(), UserId.of("carol"), 2);

    assertThat(onlyGrant(f, ALICE, PRO).expires()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
    assertThat(twoMonths.status()).isEqualTo(OrderStatus.PAID);
    Grant carol = onlyGrant(f, UserId.of("carol"), PRO);
    assertThat(carol.expires()).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    assertThat(carol.initial()).isEqualTo(2_000);
  }

  @Test
  @DisplayName("in a leap year Jan 31 + 1 month is Feb 29")
  void leapYearMonthEnd() {
    save(credits(), proMonthly());
    f.clock().set(Instant.parse("2028-01-31T10:00:00Z"));

    buy(f, proMonthly(), ALICE);

    assertThat(onlyGrant(f, ALICE, PRO).expires()).isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
  }

  @Test
  @DisplayName("a once offer never expires")
  void onceNeverExpires() {
    save(credits(), chatPack());
    buy(f, chatPack(), ALICE);

    f.clock().advance(Duration.ofDays(3_650));

    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
    assertThat(onlyGrant(f, ALICE, CHAT).expires()).isNull();
  }

  // ---- appendDate ----

  private static Offer proYearly(boolean appendDate) {
    return Offer.builder("pro-yearly", "Pro, yearly").kind(OfferKind.SUBSCRIPTION).group(PRO).price("99.00", "USD")
        .tokens(12_000).cycle(Cycle.YEARLY).appendDate(appendDate).build();
  }

  @Test
  @DisplayName("with appendDate, a yearly bought during a monthly starts where the monthly ends")
  void appendDateChainsPeriods() {
    save(credits(), proMonthly(), proYearly(true), proOnlyPack());
    buy(f, proMonthly(), ALICE);
    f.clock().set(Instant.parse("2026-02-10T00:00:00Z"));

    buy(f, proYearly(true), ALICE);

    GroupCredits pro = credits().getUserCredits(ALICE).group(PRO).orElseThrow();
    Grant yearly = pro.grants().stream().filter(g -> g.offerId().equals(proYearly(true).id())).findFirst()
        .orElseThrow();
    assertThat(yearly.starts()).isEqualTo(FEB_28);
    assertThat(yearly.expires()).isEqualTo(Instant.parse("2027-02-28T10:00:00Z"));
    assertThat(yearly.state()).isEqualTo(GrantState.SCHEDULED);
    assertThat(pro.balance()).as("the yearly tokens are not spendable yet").isEqualTo(1_000);
    assertThat(pro.periodEnd()).isEqualTo(Instant.parse("2027-02-28T10:00:00Z"));
    assertThat(pro.subscriptions()).extracting(s -> s.status())
        .containsExactlyInAnyOrder(SubscriptionStatus.ACTIVE, SubscriptionStatus.PENDING);
    assertThat(credits().isUserAlreadySubscribed(ALICE, proYearly(true).id())).isFalse();

    f.clock().set(FEB_28);

    assertThat(balance(f, ALICE, PRO)).isEqualTo(12_000);
    assertThat(credits().isUserAlreadySubscribed(ALICE, proYearly(true).id())).isTrue();
    assertThat(credits().isUserAlreadySubscribed(ALICE, proMonthly().id())).isFalse();
    assertThat(ids(ALICE)).as("no gap between chained periods").contains("pro-pack");
  }

  @Test
  @DisplayName("without appendDate, a new period starts now and overlaps the current one")
  void withoutAppendDateStartsNow() {
    save(credits(), proMonthly(), proYearly(false));
    buy(f, proMonthly(), ALICE);
    Instant feb10 = Instant.parse("2026-02-10T00:00:00Z");
    f.clock().set(feb10);

    buy(f, proYearly(false), ALICE);

    Grant yearly = credits().getUserCredits(ALICE).group(PRO).orElseThrow().grants().stream()
        .filter(g -> g.offerId().equals(proYearly(false).id())).findFirst().orElseThrow();
    assertThat(yearly.starts()).isEqualTo(feb10);
    assertThat(yearly.expires()).isEqualTo(Instant.parse("2027-02-10T00:00:00Z"));
    assertThat(balance(f, ALICE, PRO)).isEqualTo(13_000);
  }

  // ---- prices ----

  private static Offer globalPack() {
    return Offer.builder("global-pack", "Global pack").group(CHAT).price("19.99", "USD").alsoPriced("500", "JPY")
        .alsoPriced("18.50", "EUR").tokens(100).build();
  }

  @Test
  @DisplayName("prices are kept in each currency's minor units: 19.99 USD is 1999, 500 JPY is 500")
  void pricesInMinorUnits() {
    save(credits(), globalPack());

    Order usd = credits().createOrder(globalPack().id(), ALICE, 1, Money.currency("USD"));
    Order jpy = credits().createOrder(globalPack().id(), ALICE, 1, Money.currency("JPY"));
    Order jpy3 = credits().createOrder(globalPack().id(), ALICE, 3, Money.currency("JPY"));
    Order byDefault = credits().createOrder(globalPack().id(), ALICE, 1);

    assertThat(usd.total()).isEqualTo(Money.ofMinor(1_999, "USD"));
    assertThat(jpy.total()).isEqualTo(Money.ofMinor(500, "JPY"));
    assertThat(jpy3.total()).isEqualTo(Money.ofMinor(1_500, "JPY"));
    assertThat(byDefault.total()).isEqualTo(Money.ofMinor(1_999, "USD"));
    assertThat(credits().startPayment(jpy.id(), ALICE).amount()).isEqualTo(Money.ofMinor(500, "JPY"));
  }

  @Test
  @DisplayName("paying in another currency grants the same tokens")
  void payingInAnotherCurrencyGrants() {
    save(credits(), globalPack());
    Order order = credits().createOrder(globalPack().id(), ALICE, 1, Money.currency("JPY"));
    credits().startPayment(order.id(), ALICE);

    Order paid = credits().confirmPayment(order.id(), ALICE);

    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(paid.payment().reported()).isEqualTo(Money.ofMinor(500, "JPY"));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  @Test
  @DisplayName("ordering in a currency the offer has no price in is rejected and writes nothing")
  void currencyWithoutPriceRejected() {
    save(credits(), globalPack());

    assertThatThrownBy(() -> credits().createOrder(globalPack().id(), ALICE, 1, Money.currency("GBP")))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(credits().getOrders(ALICE)).isEmpty();
    assertThat(f.events().all()).isEmpty();
  }

  @Test
  @DisplayName("a price with more decimals than its currency has is rejected, never rounded")
  void tooManyDecimalsRejected() {
    assertThatThrownBy(() -> Money.parse("19.999", "USD")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Money.parse("1.5", "JPY")).isInstanceOf(InvalidRequestException.class);
    assertThat(Money.parse("1.000", "BHD").minor()).isEqualTo(1_000);
  }
}

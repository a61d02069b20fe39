package dev.credits.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Offer validation")
class OfferTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Currency EUR = Currency.getInstance("EUR");

  private static Offer.Builder pack() {
    return Offer.builder("pack", "500 tokens").group("chat").price("5.00", "USD").tokens(500);
  }

  private static Offer withPrices(Map<Currency, Money> prices) {
    return new Offer(OfferId.of("pack"), "pack", OfferKind.TOKENS, "chat", Money.parse("5.00", "USD"), prices, 500,
        Cycle.ONCE, false, 1, null, 0, null, null, null, 0);
  }

  @Test
  @DisplayName("a valid offer keeps what it was given, with the builder's defaults")
  void valid() {
    Offer offer = pack().alsoPriced("700", "JPY").tags("chat", "starter").build();

    assertThat(offer.kind()).isEqualTo(OfferKind.TOKENS);
    assertThat(offer.cycle()).isEqualTo(Cycle.ONCE);
    assertThat(offer.priceIn(USD)).contains(Money.parse("5.00", "USD"));
    assertThat(offer.priceIn(Currency.getInstance("JPY"))).contains(Money.ofMinor(700, "JPY"));
    assertThat(offer.priceIn(EUR)).isEmpty();
    assertThat(offer.tags()).containsExactlyInAnyOrder("chat", "starter");
    assertThat(offer.isLocked()).isFalse();
    assertThat(offer.isBundle()).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  @DisplayName("a missing or blank name is rejected")
  void blankName(String name) {
    assertThatThrownBy(() -> Offer.builder("pack", name).group("chat").price("5.00", "USD").tokens(500).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("name");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  @DisplayName("a missing or blank offer group is rejected")
  void noGroup(String group) {
    assertThatThrownBy(() -> Offer.builder("pack", "pack").group(group).price("5.00", "USD").tokens(500).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("offerGroup");
  }

  @Test
  @DisplayName("an offer without a price is rejected")
  void noPrice() {
    assertThatThrownBy(() -> Offer.builder("pack", "pack").group("chat").tokens(500).build())
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a price filed under another currency than its own is rejected")
  void priceInWrongCurrency() {
    assertThatThrownBy(() -> withPrices(Map.of(EUR, Money.parse("5.00", "USD"))))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> withPrices(Map.of(EUR, Money.parse("4.00", "GBP"))))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a second, different price in the main currency is rejected; the same one is accepted")
  void twoPricesInOneCurrency() {
    assertThatThrownBy(() -> pack().alsoPriced("6.00", "USD").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("two prices");
    assertThat(pack().alsoPriced("5.00", "USD").build().prices()).containsOnlyKeys(USD);
  }

  @Test
  @DisplayName("the main price is always among the prices")
  void mainPriceIncluded() {
    assertThat(withPrices(null).prices()).containsExactly(Map.entry(USD, Money.parse("5.00", "USD")));
    assertThat(withPrices(Map.of(EUR, Money.parse("4.50", "EUR"))).prices()).containsOnlyKeys(USD, EUR);
  }

  @Test
  @DisplayName("an offer that grants nothing is rejected, unless it is a subscription or a bundle")
  void grantsNothing() {
    assertThatThrownBy(() -> pack().tokens(0).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("grants nothing");
    assertThatThrownBy(() -> pack().tokens(0).kind(OfferKind.EXPERTISE).build())
        .isInstanceOf(InvalidRequestException.class);
    assertThat(pack().tokens(0).kind(OfferKind.SUBSCRIPTION).build().tokenCount()).isZero();
    assertThat(pack().tokens(0).item("other", "images", 2, Cycle.MONTHLY).build().isBundle()).isTrue();
  }

  @Test
  @DisplayName("negative tokens, a quantity limit below 1 and a null cycle or kind are rejected")
  void otherFields() {
    assertThatThrownBy(() -> pack().tokens(-1).build()).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> pack().quantityLimit(0).build()).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> pack().cycle(null).build()).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> pack().kind(null).build()).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a bundle item needs an offer, a group and a quantity of at least 1")
  void bundleItems() {
    assertThatThrownBy(() -> pack().item("other", " ", 1, Cycle.ONCE).build())
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> pack().item("other", "images", 0, Cycle.ONCE).build())
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> pack().item(" ", "images", 1, Cycle.ONCE).build())
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a blank overriding key means none; unlockedBy makes the offer locked")
  void overridesAndLocks() {
    Offer blankKey = pack().overrides(" ", 5).build();
    Offer locked = pack().unlockedBy("chat").build();

    assertThat(blankKey.overridingKey()).isNull();
    assertThat(locked.isLocked()).isTrue();
    assertThat(locked.unlockedBy()).containsExactly("chat");
  }

  @Test
  @DisplayName("its collections are immutable copies")
  void collectionsAreCopies() {
    Offer offer = pack().tags("a").unlockedBy("g").item("other", "images", 1, Cycle.ONCE).build();

    assertThatThrownBy(() -> offer.tags().add("b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> offer.unlockedBy().add("h")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> offer.items().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> offer.prices().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(offer.items()).isEqualTo(List.of(new BundleItem(OfferId.of("other"), "images", 1, Cycle.ONCE)));
    assertThat(offer.tags()).isEqualTo(Set.of("a"));
  }
}

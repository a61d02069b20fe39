package dev.credits.core.model;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.internal.Checks;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A catalog item: a token pack, a subscription, expertise, or a bundle of other offers.
 * Immutable; build one with {@link #builder(String, String)}.
 *
 * <p>An offer with a non-empty {@code unlockedBy} is <em>locked</em>: a user sees and may order it
 * only while holding an active paid subscription in one of those offer groups. Among the offers a
 * user sees that share an {@code overridingKey}, only the one with the highest weight is shown.
 *
 * @param id identifier
 * @param name display name
 * @param kind what it sells
 * @param offerGroup the token group its own tokens go to
 * @param price the price of one unit in the default currency
 * @param prices prices per currency, always containing {@code price}
 * @param tokenCount tokens granted per unit (0 for a bundle that only grants its items)
 * @param cycle validity of what one unit grants
 * @param appendDate whether a new period in the group starts where the group's last one ends
 * @param quantityLimit the largest quantity one order may have, at least 1
 * @param overridingKey offers sharing this key replace each other by weight, or null
 * @param weight rank among offers with the same overriding key (highest wins)
 * @param unlockedBy offer groups whose active subscription unlocks this offer; empty = regular
 * @param items bundle items, empty for a plain offer
 * @param tags free labels used to filter offers
 * @param popularity a hint for display order, not used by the rules
 */
public record Offer(
    OfferId id,
    String name,
    OfferKind kind,
    String offerGroup,
    Money price,
    Map<Currency, Money> prices,
    long tokenCount,
    Cycle cycle,
    boolean appendDate,
    int quantityLimit,
    String overridingKey,
    int weight,
    Set<String> unlockedBy,
    List<BundleItem> items,
    Set<String> tags,
    long popularity) {

  /**
   * Validates the offer and copies its collections.
   *
   * @param id identifier
   * @param name display name
   * @param kind what it sells
   * @param offerGroup the token group its own tokens go to
   * @param price the price of one unit in the default currency
   * @param prices prices per currency, always containing {@code price}
   * @param tokenCount tokens granted per unit (0 for a bundle that only grants its items)
   * @param cycle validity of what one unit grants
   * @param appendDate whether a new period in the group starts where the group's last one ends
   * @param quantityLimit the largest quantity one order may have, at least 1
   * @param overridingKey offers sharing this key replace each other by weight, or null
   * @param weight rank among offers with the same overriding key (highest wins)
   * @param unlockedBy offer groups whose active subscription unlocks this offer; empty = regular
   * @param items bundle items, empty for a plain offer
   * @param tags free labels used to filter offers
   * @param popularity a hint for display order, not used by the rules
   * @throws InvalidRequestException when a field breaks a rule
   */
  public Offer {
    Checks.present(id, "offer id");
    Checks.text(name, "offer name");
    Checks.present(kind, "offer kind");
    Checks.text(offerGroup, "offerGroup");
    Checks.present(price, "price");
    Checks.notNegative(tokenCount, "tokenCount");
    Checks.present(cycle, "cycle");
    Checks.positive(quantityLimit, "quantityLimit");
    Map<Currency, Money> all = new LinkedHashMap<>();
    all.put(price.currency(), price);
    if (prices != null) {
      for (Map.Entry<Currency, Money> e : prices.entrySet()) {
        if (!e.getKey().equals(e.getValue().currency())) {
          throw new InvalidRequestException("price for " + e.getKey() + " is in " + e.getValue().currency());
        }
        if (e.getKey().equals(price.currency()) && !e.getValue().equals(price)) {
          throw new InvalidRequestException("two prices for " + e.getKey() + " in offer " + id);
        }
        all.put(e.getKey(), e.getValue());
      }
    }
    prices = Map.copyOf(all);
    if (overridingKey != null && overridingKey.isBlank()) {
      overridingKey = null;
    }
    unlockedBy = unlockedBy == null ? Set.of() : Set.copyOf(unlockedBy);
    items = items == null ? List.of() : List.copyOf(items);
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    if (tokenCount == 0 && items.isEmpty() && kind != OfferKind.SUBSCRIPTION) {
      throw new InvalidRequestException("offer " + id + " grants nothing: tokenCount 0 and no items");
    }
  }

  /**
   * Starts a builder.
   *
   * @param id offer id
   * @param name display name
   * @return a builder with defaults: kind TOKENS, cycle ONCE, quantityLimit 100, weight 0
   */
  public static Builder builder(String id, String name) {
    return new Builder(OfferId.of(id), name);
  }

  /**
   * Whether the offer needs an unlocking subscription.
   *
   * @return true when {@code unlockedBy} is not empty
   */
  public boolean isLocked() {
    return !unlockedBy.isEmpty();
  }

  /**
   * Whether this offer is a bundle.
   *
   * @return true when it has items
   */
  public boolean isBundle() {
    return !items.isEmpty();
  }

  /**
   * The unit price in a currency.
   *
   * @param currency the currency
   * @return the price, or empty when the offer is not sold in that currency
   */
  public Optional<Money> priceIn(Currency currency) {
    return Optional.ofNullable(prices.get(currency));
  }

  /** Builds an {@link Offer}. Not thread-safe; each setter returns this builder. */
  public static final class Builder {
    private final OfferId id;
    private final String name;
    private OfferKind kind = OfferKind.TOKENS;
    private String offerGroup;
    private Money price;
    private final Map<Currency, Money> prices = new LinkedHashMap<>();
    private long tokenCount;
    private Cycle cycle = Cycle.ONCE;
    private boolean appendDate;
    private int quantityLimit = 100;
    private String overridingKey;
    private int weight;
    private final Set<String> unlockedBy = new LinkedHashSet<>();
    private final java.util.ArrayList<BundleItem> items = new java.util.ArrayList<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private long popularity;

    private Builder(OfferId id, String name) {
      this.id = id;
      this.name = name;
    }

    /**
     * Sets the kind.
     *
     * @param kind what it sells
     * @return this builder
     */
    public Builder kind(OfferKind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * Sets the token group.
     *
     * @param offerGroup the group the offer's own tokens go to
     * @return this builder
     */
    public Builder group(String offerGroup) {
      this.offerGroup = offerGroup;
      return this;
    }

    /**
     * Sets the default price from major units, e.g. {@code price("19.99", "USD")}.
     *
     * @param amount decimal amount in major units
     * @param currencyCode ISO 4217 code
     * @return this builder
     */
    public Builder price(String amount, String currencyCode) {
      this.price = Money.parse(amount, currencyCode);
      return this;
    }

    /**
     * Sets the default price.
     *
     * @param price unit price
     * @return this builder
     */
    public Builder price(Money price) {
      this.price = price;
      return this;
    }

    /**
     * Adds a price in another currency.
     *
     * @param amount decimal amount in major units
     * @param currencyCode ISO 4217 code
     * @return this builder
     */
    public Builder alsoPriced(String amount, String currencyCode) {
      Money money = Money.parse(amount, currencyCode);
      prices.put(money.currency(), money);
      return this;
    }

    /**
     * Sets tokens per unit.
     *
     * @param tokenCount tokens granted per unit
     * @return this builder
     */
    public Builder tokens(long tokenCount) {
      this.tokenCount = tokenCount;
      return this;
    }

    /**
     * Sets the cycle.
     *
     * @param cycle validity of one unit
     * @return this builder
     */
    public Builder cycle(Cycle cycle) {
      this.cycle = cycle;
      return this;
    }

    /**
     * Makes new periods start where the group's last period ends.
     *
     * @param appendDate true to chain periods
     * @return this builder
     */
    public Builder appendDate(boolean appendDate) {
      this.appendDate = appendDate;
      return this;
    }

    /**
     * Sets the largest quantity per order.
     *
     * @param quantityLimit at least 1
     * @return this builder
     */
    public Builder quantityLimit(int quantityLimit) {
      this.quantityLimit = quantityLimit;
      return this;
    }

    /**
     * Makes this offer replace others with the same key when its weight is higher.
     *
     * @param overridingKey shared key
     * @param weight rank, highest wins
     * @return this builder
     */
    public Builder overrides(String overridingKey, int weight) {
      this.overridingKey = overridingKey;
      this.weight = weight;
      return this;
    }

    /**
     * Locks the offer behind subscriptions in these groups.
     *
     * @param offerGroups groups whose active subscription unlocks it
     * @return this builder
     */
    public Builder unlockedBy(String... offerGroups) {
      unlockedBy.addAll(List.of(offerGroups));
      return this;
    }

    /**
     * Adds a bundle item.
     *
     * @param offerId the item offer
     * @param offerGroup the group its tokens go to
     * @param quantity units per bundle
     * @param cycle validity, or null for the item offer's own
     * @return this builder
     */
    public Builder item(String offerId, String offerGroup, long quantity, Cycle cycle) {
      items.add(new BundleItem(OfferId.of(offerId), offerGroup, quantity, cycle));
      return this;
    }

    /**
     * Adds tags.
     *
     * @param tags labels
     * @return this builder
     */
    public Builder tags(String... tags) {
      this.tags.addAll(List.of(tags));
      return this;
    }

    /**
     * Sets the popularity hint.
     *
     * @param popularity display hint
     * @return this builder
     */
    public Builder popularity(long popularity) {
      this.popularity = popularity;
      return this;
    }

    /**
     * Builds and validates the offer.
     *
     * @return the offer
     * @throws InvalidRequestException when a field breaks a rule
     */
    public Offer build() {
      return new Offer(id, name, kind, offerGroup, price, prices, tokenCount, cycle, appendDate,
          quantityLimit, overridingKey, weight, unlockedBy, items, tags, popularity);
    }
  }
}

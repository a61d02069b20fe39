package dev.credits.stripe.internal;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts between {@link Money} (minor units as {@link Currency#getDefaultFractionDigits()} counts
 * them) and Stripe's integer amounts (minor units as Stripe counts them, per
 * <a href="https://docs.stripe.com/currencies">Stripe's currency guide</a>).
 *
 * <p>Stripe's exponent is 0 for its zero-decimal currencies, 3 for its three-decimal currencies and
 * 2 for every other currency, including ISK (zero-decimal in ISO 4217, two-decimal at Stripe with
 * whole amounts) and MGA (two-decimal in the JDK, zero-decimal at Stripe). A conversion that would
 * lose a fraction is refused, never rounded: the amount charged is always the order's total.
 */
public final class StripeAmounts {
  /** Stripe's zero-decimal currencies: the amount is in major units. */
  private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
      "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
  /** Stripe's three-decimal currencies: the amount is in thousandths. */
  private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

  /** Stripe's minimum charge per currency, in Stripe's unit (its published table, major currencies). */
  private static final Map<String, Long> MINIMUM = Map.ofEntries(Map.entry("USD", 50L), Map.entry("AUD", 50L),
      Map.entry("BRL", 50L), Map.entry("CAD", 50L), Map.entry("CHF", 50L), Map.entry("DKK", 250L),
      Map.entry("EUR", 50L), Map.entry("GBP", 30L), Map.entry("HKD", 400L), Map.entry("INR", 50L),
      Map.entry("JPY", 50L), Map.entry("MXN", 1000L), Map.entry("NOK", 300L), Map.entry("NZD", 50L),
      Map.entry("PLN", 200L), Map.entry("SEK", 300L), Map.entry("SGD", 50L));

  private StripeAmounts() {}

  /**
   * Stripe's minimum charge in a currency, when this library knows it.
   *
   * @param currency the currency
   * @return the minimum in Stripe's unit, or empty for currencies not in the table
   */
  public static Optional<Long> minimum(Currency currency) {
    return Optional.ofNullable(MINIMUM.get(currency.getCurrencyCode()));
  }

  /**
   * Refuses an amount Stripe cannot charge.
   *
   * @param money the amount, not zero
   * @throws InvalidRequestException when Stripe's unit cannot express it, a three-decimal amount does
   *     not end in 0, or it is below the currency's minimum charge
   */
  public static void checkChargeable(Money money) {
    long amount = toStripe(money);
    if (exponent(money.currency()) == 3 && amount % 10 != 0) {
      throw new InvalidRequestException(money + " cannot be charged through Stripe: in "
          + money.currency().getCurrencyCode() + " the last of the three decimals must be 0");
    }
    Optional<Long> min = minimum(money.currency());
    if (min.isPresent() && amount < min.get()) {
      throw new InvalidRequestException(money + " is below Stripe's minimum charge of " + min.get() + " (Stripe's unit) in "
          + money.currency().getCurrencyCode());
    }
  }

  /**
   * How many decimals Stripe's integer amounts carry in this currency.
   *
   * @param currency the currency
   * @return 0, 2 or 3
   */
  public static int exponent(Currency currency) {
    String code = currency.getCurrencyCode();
    if (ZERO_DECIMAL.contains(code)) {
      return 0;
    }
    return THREE_DECIMAL.contains(code) ? 3 : 2;
  }

  /**
   * The currency code as Stripe wants it: lowercase.
   *
   * @param currency the currency
   * @return e.g. {@code usd}
   */
  public static String code(Currency currency) {
    return currency.getCurrencyCode().toLowerCase(Locale.ROOT);
  }

  /**
   * The amount to send to Stripe.
   *
   * @param money the amount
   * @return Stripe's integer amount in the same currency
   * @throws InvalidRequestException when the currency has no minor unit or Stripe cannot express
   *     the amount exactly (e.g. MGA with a fraction)
   */
  public static long toStripe(Money money) {
    int from = money.currency().getDefaultFractionDigits();
    if (from < 0) {
      throw new InvalidRequestException("currency " + money.currency() + " cannot be charged through Stripe");
    }
    try {
      return BigDecimal.valueOf(money.minor()).movePointRight(exponent(money.currency()) - from)
          .setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidRequestException(money + " cannot be expressed in Stripe's unit for "
          + money.currency() + " without rounding", e);
    }
  }

  /**
   * The money a Stripe amount stands for.
   *
   * @param amount Stripe's integer amount, or null
   * @param currencyCode Stripe's currency code (any case), or null
   * @return the money, or empty when an input is missing or negative, the currency is unknown, or
   *     the amount does not fit the currency's JDK minor unit exactly
   */
  public static Optional<Money> fromStripe(Long amount, String currencyCode) {
    if (amount == null || amount < 0 || currencyCode == null || currencyCode.isBlank()) {
      return Optional.empty();
    }
    Currency currency;
    try {
      currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int to = currency.getDefaultFractionDigits();
    if (to < 0) {
      return Optional.empty();
    }
    try {
      long minor = BigDecimal.valueOf(amount).movePointRight(to - exponent(currency))
          .setScale(0, RoundingMode.UNNECESSARY).longValueExact();
      return Optional.of(new Money(minor, currency));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }
}

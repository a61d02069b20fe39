package dev.credits.core.model;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.internal.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount of money in a currency's minor units (cents for USD, yen for JPY, fils for BHD).
 * Never a floating point value; arithmetic fails on overflow instead of wrapping.
 *
 * @param minor the amount in minor units, never negative
 * @param currency the ISO 4217 currency
 */
public record Money(long minor, Currency currency) {
  /**
   * Validates the amount.
   *
   * @param minor the amount in minor units, never negative
   * @param currency the ISO 4217 currency
   * @throws InvalidRequestException when negative or the currency is null
   */
  public Money {
    Checks.notNegative(minor, "amount");
    Checks.present(currency, "currency");
  }

  /**
   * An amount already in minor units.
   *
   * @param minor minor units, not negative
   * @param currencyCode ISO 4217 code such as {@code "USD"}
   * @return the money
   * @throws InvalidRequestException on a negative amount or an unknown currency code
   */
  public static Money ofMinor(long minor, String currencyCode) {
    return new Money(minor, currency(currencyCode));
  }

  /**
   * Parses a decimal amount in major units: {@code parse("19.99", "USD")} is 1999 minor units,
   * {@code parse("500", "JPY")} is 500. More decimals than the currency has is an error, never a
   * silent rounding.
   *
   * @param amount decimal text in major units
   * @param currencyCode ISO 4217 code
   * @return the money
   * @throws InvalidRequestException on bad text, too many decimals, or an unknown currency
   */
  public static Money parse(String amount, String currencyCode) {
    Currency currency = currency(currencyCode);
    int digits = currency.getDefaultFractionDigits();
    if (digits < 0) {
      throw new InvalidRequestException("currency " + currencyCode + " has no minor unit");
    }
    try {
      BigDecimal minor = new BigDecimal(Checks.text(amount, "amount")).movePointRight(digits);
      return new Money(minor.setScale(0, RoundingMode.UNNECESSARY).longValueExact(), currency);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidRequestException("not a valid " + currencyCode + " amount: " + amount);
    }
  }

  /**
   * Looks up a currency by code.
   *
   * @param code ISO 4217 code
   * @return the currency
   * @throws InvalidRequestException when null, blank or unknown
   */
  public static Currency currency(String code) {
    try {
      return Currency.getInstance(Checks.text(code, "currency"));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("unknown currency: " + code);
    }
  }

  /**
   * Multiplies by a quantity.
   *
   * @param quantity a factor, not negative
   * @return the product, same currency
   * @throws InvalidRequestException on overflow
   */
  public Money times(long quantity) {
    return new Money(Checks.times(minor, quantity, "amount"), currency);
  }

  /**
   * Whether this is zero.
   *
   * @return true for a zero amount
   */
  public boolean isZero() {
    return minor == 0;
  }

  @Override
  public String toString() {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency.getCurrencyCode();
  }
}

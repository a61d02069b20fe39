package dev.credits.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import java.util.Currency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Money")
class MoneyTest {

  @ParameterizedTest(name = "\"{0}\" {1} is {2} minor units")
  @CsvSource({
      "19.99, USD, 1999",
      "19.9, USD, 1990",
      "0.01, USD, 1",
      "0, USD, 0",
      "500, JPY, 500",
      "1.234, BHD, 1234",
      "0.001, BHD, 1",
      "19.990, USD, 1999",
      "92233720368547758.07, USD, 9223372036854775807"})
  @DisplayName("parses major units into the currency's minor units")
  void parses(String amount, String currency, long minor) {
    Money money = Money.parse(amount, currency);

    assertThat(money.minor()).isEqualTo(minor);
    assertThat(money.currency()).isEqualTo(Currency.getInstance(currency));
  }

  @ParameterizedTest(name = "\"{0}\" {1}")
  @CsvSource({"19.999, USD", "0.001, USD", "1.5, JPY", "1.2345, BHD"})
  @DisplayName("more decimals than the currency has is an error, never a rounding")
  void tooManyDecimals(String amount, String currency) {
    assertThatThrownBy(() -> Money.parse(amount, currency))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(amount);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"abc", "1,00", "1.2.3", " 5", "5 ", "$5"})
  @DisplayName("text that is not a decimal number is an error")
  void badText(String amount) {
    assertThatThrownBy(() -> Money.parse(amount, "USD")).isInstanceOf(InvalidRequestException.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  @DisplayName("a missing amount is an error")
  void missingAmount(String amount) {
    assertThatThrownBy(() -> Money.parse(amount, "USD")).isInstanceOf(InvalidRequestException.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"ZZZ", "usd", "US", "EURO"})
  @DisplayName("an unknown or missing currency code is an error")
  void unknownCurrency(String code) {
    assertThatThrownBy(() -> Money.parse("1.00", code)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Money.ofMinor(100, code)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a currency without minor unit (XXX) cannot be parsed")
  void noMinorUnit() {
    assertThatThrownBy(() -> Money.parse("1", "XXX"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no minor unit");
  }

  @Test
  @DisplayName("a negative amount is an error, parsed or in minor units")
  void negative() {
    assertThatThrownBy(() -> Money.parse("-0.01", "USD")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Money.ofMinor(-1, "USD")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new Money(-1, Currency.getInstance("EUR"))).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a null currency is an error")
  void nullCurrency() {
    assertThatThrownBy(() -> new Money(1, null)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("an amount beyond a long of minor units is an error, not a wrap")
  void parseOverflow() {
    assertThatThrownBy(() -> Money.parse("92233720368547758.08", "USD"))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("times multiplies the minor units exactly and keeps the currency")
  void times() {
    Money price = Money.parse("19.99", "USD");

    assertThat(price.times(3)).isEqualTo(Money.ofMinor(5997, "USD"));
    assertThat(price.times(1)).isEqualTo(price);
    assertThat(price.times(0).isZero()).isTrue();
  }

  @Test
  @DisplayName("times fails on overflow instead of wrapping")
  void timesOverflow() {
    Money big = Money.ofMinor(Long.MAX_VALUE / 2 + 1, "USD");

    assertThatThrownBy(() -> big.times(2))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("overflows");
    assertThatThrownBy(() -> Money.ofMinor(2, "USD").times(Long.MAX_VALUE))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("times by a negative quantity is an error")
  void timesNegative() {
    assertThatThrownBy(() -> Money.ofMinor(100, "USD").times(-1)).isInstanceOf(InvalidRequestException.class);
  }

  @ParameterizedTest(name = "{0} {1} prints as \"{2}\"")
  @CsvSource({"1999, USD, 19.99 USD", "5, USD, 0.05 USD", "500, JPY, 500 JPY", "1234, BHD, 1.234 BHD",
      "0, EUR, 0.00 EUR"})
  @DisplayName("prints in major units with the currency's decimals")
  void printsMajorUnits(long minor, String currency, String text) {
    assertThat(Money.ofMinor(minor, currency)).hasToString(text);
  }

  @Test
  @DisplayName("equality is by minor units and currency")
  void equality() {
    assertThat(Money.parse("5.00", "USD")).isEqualTo(Money.ofMinor(500, "USD"));
    assertThat(Money.parse("5.00", "USD")).isNotEqualTo(Money.parse("5.00", "EUR"));
  }
}

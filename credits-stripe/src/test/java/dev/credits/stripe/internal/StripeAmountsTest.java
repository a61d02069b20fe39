package dev.credits.stripe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Money;
import java.util.Currency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Stripe amounts")
class StripeAmountsTest {
  @ParameterizedTest(name = "{0} {1} is {2} in Stripe''s unit")
  @CsvSource({
      "19.99, USD, 1999",
      "500, JPY, 500",
      "1.234, BHD, 1234",
      "7.5, KWD, 7500",
      "1000, KRW, 1000",
      "2500, CLP, 2500",
      "1000, MGA, 1000",
      "5, ISK, 500",
      "0.01, EUR, 1"})
  @DisplayName("a decimal price becomes Stripe's integer amount, per Stripe's currency table")
  void toStripe(String amount, String currency, long expected) {
    Money money = Money.parse(amount, currency);

    assertThat(StripeAmounts.toStripe(money)).isEqualTo(expected);
    assertThat(StripeAmounts.fromStripe(expected, currency.toLowerCase())).contains(money);
  }

  @Test
  @DisplayName("the exponent follows Stripe, not the JDK, where they differ")
  void exponentFollowsStripe() {
    assertThat(Currency.getInstance("MGA").getDefaultFractionDigits()).isEqualTo(2);
    assertThat(StripeAmounts.exponent(Currency.getInstance("MGA"))).isZero();
    assertThat(Currency.getInstance("ISK").getDefaultFractionDigits()).isZero();
    assertThat(StripeAmounts.exponent(Currency.getInstance("ISK"))).isEqualTo(2);
    assertThat(StripeAmounts.exponent(Currency.getInstance("UGX"))).isZero();
    assertThat(StripeAmounts.exponent(Currency.getInstance("TND"))).isEqualTo(3);
  }

  @Test
  @DisplayName("an amount Stripe cannot express exactly is refused, never rounded")
  void neverRounds() {
    assertThatThrownBy(() -> StripeAmounts.toStripe(Money.parse("12.34", "MGA")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("MGA");
    assertThat(StripeAmounts.fromStripe(12_345L, "isk")).isEmpty();
  }

  @Test
  @DisplayName("a currency without a minor unit cannot be charged")
  void noMinorUnit() {
    assertThatThrownBy(() -> StripeAmounts.toStripe(new Money(5, Currency.getInstance("XAU"))))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("missing, negative or unknown inputs read as no amount")
  void unreadable() {
    assertThat(StripeAmounts.fromStripe(null, "usd")).isEmpty();
    assertThat(StripeAmounts.fromStripe(100L, null)).isEmpty();
    assertThat(StripeAmounts.fromStripe(-1L, "usd")).isEmpty();
    assertThat(StripeAmounts.fromStripe(100L, "zzz")).isEmpty();
    assertThat(StripeAmounts.code(Currency.getInstance("USD"))).isEqualTo("usd");
  }
}

package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Money;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Amounts Stripe can charge")
class CheckAmountTest {
  /** Nothing listens there: every check is local. */
  private final StripePaymentGateway gateway = StripePaymentGateway.builder().secretKey(TestGateways.SECRET_KEY)
      .webhookSecret(TestGateways.WEBHOOK_SECRET).apiBase("http://127.0.0.1:9").build();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"BHD", "JOD", "KWD", "OMR", "TND"})
  @DisplayName("a three-decimal amount whose last digit is not 0 is refused naming the rule; ending in 0 it is accepted")
  void threeDecimals(String currency) {
    assertThatThrownBy(() -> gateway.checkAmount(Money.parse("1.235", currency)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(currency).hasMessageContaining("last of the three decimals must be 0");
    assertThatCode(() -> gateway.checkAmount(Money.parse("1.230", currency))).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{1} {2}: {0} refused, {3} accepted")
  @CsvSource({
      "0.49, USD, 50, 0.50",
      "0.29, GBP, 30, 0.30",
      "49, JPY, 50, 50",
      "0.49, EUR, 50, 0.50",
      "9.99, MXN, 1000, 10.00"})
  @DisplayName("an amount below Stripe's minimum charge is refused naming the minimum; the minimum itself is accepted")
  void minimum(String below, String currency, long minimum, String atMinimum) {
    assertThatThrownBy(() -> gateway.checkAmount(Money.parse(below, currency)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("below Stripe's minimum charge of " + minimum).hasMessageContaining(currency);
    assertThatCode(() -> gateway.checkAmount(Money.parse(atMinimum, currency))).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("a currency without a listed minimum is accepted at any amount")
  void unlistedCurrency() {
    assertThatCode(() -> gateway.checkAmount(Money.parse("0.01", "ZAR"))).doesNotThrowAnyException();
    assertThatCode(() -> gateway.checkAmount(Money.parse("1", "ISK"))).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("an amount Stripe's unit cannot express is refused")
  void notExpressible() {
    assertThatThrownBy(() -> gateway.checkAmount(Money.parse("12.34", "MGA")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("MGA");
  }
}

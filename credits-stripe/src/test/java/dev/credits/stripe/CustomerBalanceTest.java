package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.PaymentGatewayException;
import dev.credits.core.model.Money;
import dev.credits.core.model.UserId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading a customer balance")
class CustomerBalanceTest {
  private static final Map<String, String> CUSTOMERS = Map.of("alice", "cus_alice", "bob", "cus_bob",
      "carol", "cus_carol", "dave", "cus_dave", "erin", "cus_missing");

  private final StripeStub stub = StripeStub.start();
  private final StripePaymentGateway gateway = TestGateways.against(stub)
      .customers(user -> Optional.ofNullable(CUSTOMERS.get(user.value()))).build();

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  @DisplayName("a negative Stripe balance is credit, in the customer's currency and minor unit")
  void credit() {
    stub.putCustomer("cus_alice", -2_500, "usd", false);
    stub.putCustomer("cus_bob", -700, "jpy", false);

    assertThat(gateway.customerBalance(UserId.of("alice"))).contains(Money.parse("25.00", "USD"));
    assertThat(gateway.customerBalance(UserId.of("bob"))).contains(Money.parse("700", "JPY"));
    assertThat(stub.requests("GET", "/v1/customers/cus_alice")).hasSize(1);
  }

  @Test
  @DisplayName("a customer who owes money has no credit")
  void owes() {
    stub.putCustomer("cus_carol", 1_200, "eur", false);

    assertThat(gateway.customerBalance(UserId.of("carol"))).contains(Money.parse("0", "EUR"));
  }

  @Test
  @DisplayName("no mapped customer, a deleted or unknown customer, or one with no balance currency has no balance")
  void none() {
    stub.putCustomer("cus_dave", 0, null, true);

    assertThat(gateway.customerBalance(UserId.of("zoe"))).isEmpty();
    assertThat(stub.requests()).isEmpty();
    assertThat(gateway.customerBalance(UserId.of("dave"))).isEmpty();
    assertThat(gateway.customerBalance(UserId.of("erin"))).isEmpty();
    stub.putCustomer("cus_alice", 0, null, false);
    assertThat(gateway.customerBalance(UserId.of("alice"))).isEmpty();
  }

  @Test
  @DisplayName("a Stripe failure throws PaymentGatewayException rather than reporting no credit")
  void failure() {
    stub.putCustomer("cus_alice", -100, "usd", false);
    stub.failNext(1);

    assertThatThrownBy(() -> gateway.customerBalance(UserId.of("alice"))).isInstanceOf(PaymentGatewayException.class);
  }
}

package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dagger.BindsInstance;
import dagger.Component;
import dev.credits.core.model.Money;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.PaymentGateway;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Dagger module")
class StripeModuleTest {
  private final StripeStub stub = StripeStub.start();

  @AfterEach
  void stop() {
    stub.close();
  }

  @Component(modules = StripeModule.class)
  interface Payments {
    PaymentGateway gateway();

    StripePaymentGateway stripe();
  }

  @Component(modules = StripeModule.class)
  interface PaymentsWithCustomers {
    PaymentGateway gateway();

    @Component.Builder
    interface Builder {
      Builder stripeModule(StripeModule module);

      @BindsInstance
      Builder customers(StripeCustomers customers);

      PaymentsWithCustomers build();
    }
  }

  private Map<String, String> environment() {
    return Map.of("STRIPE_SECRET_KEY", TestGateways.SECRET_KEY, "STRIPE_WEBHOOK_SECRET", TestGateways.WEBHOOK_SECRET,
        "STRIPE_API_BASE", stub.baseUrl());
  }

  @Test
  @DisplayName("provides the Stripe gateway from the environment, as PaymentGateway too")
  void providesGateway() {
    Payments payments = DaggerStripeModuleTest_Payments.builder()
        .stripeModule(new StripeModule(environment()::get)).build();

    assertThat(payments.gateway()).isInstanceOf(StripePaymentGateway.class);
    assertThat(payments.gateway().name()).isEqualTo("stripe");
    assertThat(payments.gateway().customerBalance(UserId.of("alice"))).isEmpty();
  }

  @Test
  @DisplayName("uses the application's customer mapping when it binds one")
  void customerMapping() {
    stub.putCustomer("cus_alice", -300, "usd", false);
    PaymentsWithCustomers payments = DaggerStripeModuleTest_PaymentsWithCustomers.builder()
        .stripeModule(new StripeModule(environment()::get))
        .customers(user -> Optional.of("cus_" + user.value()))
        .build();

    assertThat(payments.gateway().customerBalance(UserId.of("alice"))).contains(Money.parse("3.00", "USD"));
  }

  @Test
  @DisplayName("fails loudly when the environment has no secret key")
  void missingEnvironment() {
    Payments payments = DaggerStripeModuleTest_Payments.builder()
        .stripeModule(new StripeModule(Map.<String, String>of()::get)).build();

    assertThatThrownBy(payments::gateway).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STRIPE_SECRET_KEY");
  }
}

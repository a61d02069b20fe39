package dev.credits.stripe;

import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import dev.credits.core.spi.PaymentGateway;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Dagger module providing the Stripe gateway, configured from the environment
 * ({@code STRIPE_SECRET_KEY}, {@code STRIPE_WEBHOOK_SECRET}, optional {@code STRIPE_API_BASE}).
 * Binds both {@link StripePaymentGateway} and {@link PaymentGateway}. An application that binds a
 * {@link StripeCustomers} gets its customer mapping used; otherwise no user has a customer.
 *
 * <pre>{@code
 * @Component(modules = StripeModule.class)
 * interface Payments { PaymentGateway gateway(); }
 * }</pre>
 *
 * <p>Dagger is not needed at run time by applications that wire the gateway by hand with
 * {@link StripePaymentGateway#builder()}.
 */
@Module(includes = StripeModule.Optionals.class)
public final class StripeModule {
  private final Function<String, String> environment;

  /** Reads the process environment. */
  public StripeModule() {
    this(System::getenv);
  }

  /**
   * Reads another environment (tests, a secrets manager).
   *
   * @param environment looks a variable up by name; null when unset
   */
  public StripeModule(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment == null");
  }

  /**
   * The gateway. Reused: the gateway is stateless and thread-safe.
   *
   * @param customers the application's customer mapping, if bound
   * @return the gateway
   * @throws IllegalStateException when a required variable is not set
   */
  @Provides
  @Reusable
  StripePaymentGateway stripePaymentGateway(Optional<StripeCustomers> customers) {
    StripePaymentGatewayBuilder builder = StripePaymentGateway.builder().environment(environment);
    customers.ifPresent(builder::customers);
    return builder.build();
  }

  /**
   * The gateway as the library's SPI.
   *
   * @param stripe the Stripe gateway
   * @return the same gateway
   */
  @Provides
  static PaymentGateway paymentGateway(StripePaymentGateway stripe) {
    return stripe;
  }

  /** Declares the bindings an application may add. */
  @Module
  public interface Optionals {
    /**
     * The application's customer mapping, when it binds one.
     *
     * @return nothing; Dagger implements it
     */
    @BindsOptionalOf
    StripeCustomers customers();
  }
}

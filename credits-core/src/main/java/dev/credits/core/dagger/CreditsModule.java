package dev.credits.core.dagger;

import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dev.credits.core.Credits;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.EventPublisher;
import dev.credits.core.spi.PaymentGateway;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.inject.Singleton;

/**
 * Provides the {@link Credits} facade, one per component ({@link Singleton}), built from the
 * {@link CreditsStore}, {@link PaymentGateway}, {@link EventPublisher} and {@link Clock} bound in the
 * component: by {@link EmbeddedDefaultsModule}, by an adapter module ({@code credits-mongo},
 * {@code credits-stripe}) or by the application. A {@link CreditsSettings} binding is optional;
 * without one the {@linkplain CreditsSettings#defaults() defaults} apply.
 *
 * <p>The component must be annotated {@code @javax.inject.Singleton}.
 */
@Module
public abstract class CreditsModule {
  private CreditsModule() {}

  /** Makes a {@link CreditsSettings} binding optional. */
  @BindsOptionalOf
  abstract CreditsSettings optionalSettings();

  /**
   * Builds the facade once per component.
   *
   * @param store the store
   * @param gateway the payment gateway
   * @param events the event publisher
   * @param clock the clock the library reads time from
   * @param settings the settings, when the component binds them
   * @return the facade
   */
  @Provides
  @Singleton
  public static Credits credits(CreditsStore store, PaymentGateway gateway, EventPublisher events, Clock clock,
      Optional<CreditsSettings> settings) {
    CreditsSettings s = settings.orElseGet(CreditsSettings::defaults);
    Credits.Builder builder = Credits.builder().store(store).gateway(gateway).events(events).clock(clock)
        .paymentWindow(s.paymentWindow());
    for (Map.Entry<String, Long> limit : s.overdraftLimits().entrySet()) {
      builder.overdraft(limit.getKey(), limit.getValue());
    }
    return builder.build();
  }
}

package dev.credits.core.dagger;

import dagger.Module;
import dagger.Provides;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.memory.InProcessEventBus;
import dev.credits.core.memory.SimulatedPaymentGateway;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.EventPublisher;
import dev.credits.core.spi.PaymentGateway;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The embedded defaults for {@link CreditsModule}: one in-memory store, one simulated gateway that
 * always succeeds, one in-process event bus (also bound as {@link InProcessEventBus} so the
 * application can subscribe to it) and the UTC system clock. The same defaults as
 * {@code Credits.builder().build()}. For demos, local development and tests; it keeps nothing
 * across restarts and takes no money.
 *
 * <p>The component must be annotated {@code @javax.inject.Singleton}.
 */
@Module
public abstract class EmbeddedDefaultsModule {
  private EmbeddedDefaultsModule() {}

  /**
   * One in-memory store per component.
   *
   * @return a new, empty store
   */
  @Provides
  @Singleton
  public static CreditsStore store() {
    return new InMemoryCreditsStore();
  }

  /**
   * One simulated gateway per component.
   *
   * @return the gateway
   */
  @Provides
  @Singleton
  public static PaymentGateway gateway() {
    return new SimulatedPaymentGateway();
  }

  /**
   * One in-process event bus per component.
   *
   * @return a bus with no subscribers
   */
  @Provides
  @Singleton
  public static InProcessEventBus bus() {
    return new InProcessEventBus();
  }

  /**
   * The bus, as the publisher the facade uses.
   *
   * @param bus the component's bus
   * @return the same bus
   */
  @Provides
  public static EventPublisher events(InProcessEventBus bus) {
    return bus;
  }

  /**
   * The UTC system clock.
   *
   * @return {@link Clock#systemUTC()}
   */
  @Provides
  public static Clock clock() {
    return Clock.systemUTC();
  }
}

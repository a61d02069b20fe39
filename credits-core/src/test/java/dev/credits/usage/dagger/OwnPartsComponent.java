package dev.credits.usage.dagger;

import dagger.BindsInstance;
import dagger.Component;
import dev.credits.core.Credits;
import dev.credits.core.dagger.CreditsModule;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.EventPublisher;
import dev.credits.core.spi.PaymentGateway;
import java.time.Clock;
import javax.inject.Singleton;

/** Only {@link CreditsModule}: the application binds every part itself (as an adapter module would). */
@Singleton
@Component(modules = CreditsModule.class)
interface OwnPartsComponent {
  Credits credits();

  @Component.Factory
  interface Factory {
    OwnPartsComponent create(@BindsInstance CreditsStore store, @BindsInstance PaymentGateway gateway,
        @BindsInstance EventPublisher events, @BindsInstance Clock clock);
  }
}

package dev.credits.usage.dagger;

import dagger.Component;
import dev.credits.core.Credits;
import dev.credits.core.dagger.CreditsModule;
import dev.credits.core.dagger.EmbeddedDefaultsModule;
import dev.credits.core.memory.InProcessEventBus;
import javax.inject.Singleton;

/** The first snippet of {@code dev.credits.core.dagger}'s package documentation, as an application writes it. */
@Singleton
@Component(modules = {CreditsModule.class, EmbeddedDefaultsModule.class})
interface AppComponent {
  Credits credits();

  InProcessEventBus events();
}

package dev.credits.usage.dagger;

import dagger.BindsInstance;
import dagger.Component;
import dev.credits.core.Credits;
import dev.credits.core.dagger.CreditsModule;
import dev.credits.core.dagger.CreditsSettings;
import dev.credits.core.dagger.EmbeddedDefaultsModule;
import javax.inject.Singleton;

/** The second snippet of {@code dev.credits.core.dagger}'s package documentation: defaults plus settings. */
@Singleton
@Component(modules = {CreditsModule.class, EmbeddedDefaultsModule.class})
interface SettingsComponent {
  Credits credits();

  @Component.Factory
  interface Factory {
    SettingsComponent create(@BindsInstance CreditsSettings settings);
  }
}

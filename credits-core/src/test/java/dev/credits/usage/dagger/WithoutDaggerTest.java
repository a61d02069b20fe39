package dev.credits.usage.dagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.dagger.CreditsModule;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Loads credits-core's compiled classes in a class loader that sees the JDK and nothing else, so
 * Dagger and javax.inject are absent, and uses the module classes there.
 */
@DisplayName("credits-core without Dagger on the class path")
class WithoutDaggerTest {

  private static URLClassLoader coreOnly() {
    URL classes = CreditsModule.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
  }

  @Test
  @DisplayName("the module classes load and build a facade when Dagger is absent")
  void modulesWorkWithoutDagger() throws Exception {
    try (URLClassLoader loader = coreOnly()) {
      assertThatThrownBy(() -> loader.loadClass("dagger.Module")).isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> loader.loadClass("javax.inject.Singleton"))
          .isInstanceOf(ClassNotFoundException.class);

      Class<?> defaults = loader.loadClass("dev.credits.core.dagger.EmbeddedDefaultsModule");
      Class<?> module = loader.loadClass("dev.credits.core.dagger.CreditsModule");
      Object store = defaults.getMethod("store").invoke(null);
      Object gateway = defaults.getMethod("gateway").invoke(null);
      Object bus = defaults.getMethod("bus").invoke(null);
      Object clock = defaults.getMethod("clock").invoke(null);
      Method credits = null;
      for (Method m : module.getMethods()) {
        if (m.getName().equals("credits")) {
          credits = m;
        }
      }
      assertThat(credits).isNotNull();
      Object facade = credits.invoke(null, store, gateway, bus, clock, Optional.empty());

      assertThat(facade.getClass().getName()).isEqualTo("dev.credits.core.Credits");
      assertThat(facade.getClass().getClassLoader()).isSameAs(loader);
      assertThat(module.getAnnotations()).isEmpty();
      assertThat(facade.getClass().getMethod("clock").invoke(facade)).isEqualTo(Clock.systemUTC());
    }
  }

  @Test
  @DisplayName("the plain builder works when Dagger is absent")
  void builderWorksWithoutDagger() throws Exception {
    try (URLClassLoader loader = coreOnly()) {
      Class<?> credits = loader.loadClass("dev.credits.core.Credits");
      Object builder = credits.getMethod("builder").invoke(null);
      Object facade = builder.getClass().getMethod("build").invoke(builder);

      assertThat(facade.getClass()).isSameAs(credits);
    }
  }
}

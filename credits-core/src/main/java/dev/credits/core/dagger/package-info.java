/**
 * Dagger 2 modules for the facade. Dagger is not a dependency of credits-core at run time: an
 * application that wires with Dagger brings Dagger itself, and one that does not can ignore this
 * package and use {@code Credits.builder()}.
 *
 * <p>{@link dev.credits.core.dagger.CreditsModule} provides the {@link dev.credits.core.Credits}
 * facade from the store, gateway, publisher and clock bound in the component;
 * {@link dev.credits.core.dagger.EmbeddedDefaultsModule} binds the embedded defaults (in-memory
 * store, simulated gateway, in-process bus, UTC system clock). Replace the defaults module by an
 * adapter's module to go to production. Bind a {@link dev.credits.core.dagger.CreditsSettings} to
 * change the payment window or allow overdraft. The component is scoped
 * {@code @javax.inject.Singleton}:
 *
 * <pre>
 * &#64;Singleton
 * &#64;Component(modules = {CreditsModule.class, EmbeddedDefaultsModule.class})
 * interface AppComponent {
 *   Credits credits();
 *
 *   InProcessEventBus events();
 * }
 *
 * AppComponent app = DaggerAppComponent.create();
 * app.events().subscribe(event -&gt; System.out.println(event));
 * Credits credits = app.credits();
 * </pre>
 *
 * <p>With settings, bind them as an instance:
 *
 * <pre>
 * &#64;Singleton
 * &#64;Component(modules = {CreditsModule.class, EmbeddedDefaultsModule.class})
 * interface SettingsComponent {
 *   Credits credits();
 *
 *   &#64;Component.Factory
 *   interface Factory {
 *     SettingsComponent create(&#64;BindsInstance CreditsSettings settings);
 *   }
 * }
 *
 * Credits credits = DaggerSettingsComponent.factory()
 *     .create(CreditsSettings.defaults().withOverdraft("postpaid", 50))
 *     .credits();
 * </pre>
 */
package dev.credits.core.dagger;

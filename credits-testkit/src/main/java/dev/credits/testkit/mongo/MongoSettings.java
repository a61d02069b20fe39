package dev.credits.testkit.mongo;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which test MongoDB server to use, read from environment variables and system properties (a
 * system property wins over the variable of the same {@link Key}):
 *
 * <ol>
 *   <li>{@code CREDITS_MONGODB_URI} ({@code -Dcredits.mongodb.uri}): an existing server;
 *   <li>{@code CREDITS_MONGODB_MODE=flapdoodle}: a real {@code mongod} run by flapdoodle, of
 *       {@code CREDITS_MONGODB_VERSION} (default {@value #DEFAULT_VERSION}), downloaded, or taken
 *       from {@code CREDITS_MONGODB_BINARY} (an installed {@code mongod}),
 *       {@code CREDITS_MONGODB_ARCHIVE} (a downloaded MongoDB archive) or
 *       {@code CREDITS_MONGODB_DOWNLOAD_URL} (a mirror of the MongoDB download site);
 *   <li>otherwise the in-process mongo-java-server ({@code CREDITS_MONGODB_MODE=in-process} asks
 *       for it explicitly).
 * </ol>
 *
 * <p>Contradictory or unusable settings are rejected with an {@link EmbeddedMongoException} rather
 * than ignored: a mode that names nothing, a URI together with another mode, a flapdoodle option
 * without flapdoodle mode, both a binary and an archive. Immutable and thread-safe.
 */
public final class MongoSettings {
  /** The MongoDB version flapdoodle runs when {@code CREDITS_MONGODB_VERSION} is not set. */
  public static final String DEFAULT_VERSION = "8.0";

  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?(-rc\\d+)?");

  /** One setting: an environment variable and the system property that overrides it. */
  public enum Key {
    /** The connection string of an existing server. */
    URI,
    /** {@code uri}, {@code flapdoodle} or {@code in-process}. */
    MODE,
    /** The MongoDB version flapdoodle runs, such as {@code 8.0} or {@code 7.0.14}. */
    VERSION,
    /** The path of an installed {@code mongod} binary that flapdoodle runs instead of downloading. */
    BINARY,
    /** The path of a downloaded MongoDB archive ({@code .tgz} or {@code .zip}) flapdoodle unpacks. */
    ARCHIVE,
    /** The base URL flapdoodle downloads from instead of the MongoDB site ({@code file:} works). */
    DOWNLOAD_URL;

    /**
     * The environment variable, such as {@code CREDITS_MONGODB_URI}.
     *
     * @return the variable's name
     */
    public String variable() {
      return "CREDITS_MONGODB_" + name();
    }

    /**
     * The system property, such as {@code credits.mongodb.uri} or {@code credits.mongodb.download-url}.
     *
     * @return the property's name
     */
    public String property() {
      return "credits.mongodb." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** A value and where it came from ({@code CREDITS_MONGODB_URI} or {@code -Dcredits.mongodb.uri}). */
  record Setting(String source, String value) {
    @Override
    public String toString() {
      return source + "=" + value;
    }
  }

  private final MongoMode mode;
  private final String reason;
  private final Map<Key, Setting> settings;

  private MongoSettings(MongoMode mode, String reason, Map<Key, Setting> settings) {
    this.mode = mode;
    this.reason = reason;
    this.settings = settings.isEmpty() ? Map.of() : new EnumMap<>(settings);
  }

  /**
   * The settings of this JVM: {@code System.getenv()} and {@code System.getProperties()}.
   *
   * @return the settings
   * @throws EmbeddedMongoException if the settings are contradictory or unusable
   */
  public static MongoSettings fromEnvironment() {
    Map<String, String> properties = new java.util.HashMap<>();
    System.getProperties().stringPropertyNames().forEach(n -> properties.put(n, System.getProperty(n)));
    return from(System.getenv(), properties);
  }

  /**
   * The settings that the given environment and system properties select. A pure function: it
   * reads nothing else (no file, no network).
   *
   * @param environment environment variables by name
   * @param systemProperties system properties by name; each overrides its variable
   * @return the settings
   * @throws EmbeddedMongoException if the settings are contradictory or unusable
   */
  public static MongoSettings from(Map<String, String> environment, Map<String, String> systemProperties) {
    Objects.requireNonNull(environment, "environment == null");
    Objects.requireNonNull(systemProperties, "systemProperties == null");
    Map<Key, Setting> read = new EnumMap<>(Key.class);
    for (Key key : Key.values()) {
      String property = systemProperties.get(key.property());
      String variable = environment.get(key.variable());
      if (property != null && !property.isBlank()) {
        read.put(key, new Setting("-D" + key.property(), property.trim()));
      } else if (variable != null && !variable.isBlank()) {
        read.put(key, new Setting(key.variable(), variable.trim()));
      }
    }
    return SettingsRules.resolve(read);
  }

  /**
   * The in-process mongo-java-server, whatever the environment says.
   *
   * @return the settings
   */
  public static MongoSettings inProcess() {
    return new MongoSettings(MongoMode.IN_PROCESS, "asked for in code", Map.of());
  }

  /**
   * An existing server, whatever the environment says.
   *
   * @param uri its connection string ({@code mongodb://...} or {@code mongodb+srv://...})
   * @return the settings
   * @throws EmbeddedMongoException if {@code uri} is not a MongoDB connection string
   */
  public static MongoSettings uri(String uri) {
    Objects.requireNonNull(uri, "uri == null");
    return SettingsRules.resolve(Map.of(Key.URI, new Setting("uri", uri.trim())));
  }

  static MongoSettings of(MongoMode mode, String reason, Map<Key, Setting> settings) {
    return new MongoSettings(mode, reason, settings);
  }

  /**
   * The chosen mode.
   *
   * @return the mode
   */
  public MongoMode mode() {
    return mode;
  }

  /**
   * Why this mode was chosen, naming the setting (for example {@code CREDITS_MONGODB_URI is set}).
   *
   * @return a short explanation
   */
  public String reason() {
    return reason;
  }

  /**
   * The connection string of the existing server.
   *
   * @return the URI in {@link MongoMode#URI} mode, empty otherwise
   */
  public Optional<String> uri() {
    return value(Key.URI);
  }

  /**
   * The MongoDB version flapdoodle runs.
   *
   * @return {@code CREDITS_MONGODB_VERSION}, or {@link #DEFAULT_VERSION}
   */
  public String version() {
    return value(Key.VERSION).orElse(DEFAULT_VERSION);
  }

  /**
   * The installed {@code mongod} flapdoodle runs instead of downloading one.
   *
   * @return the path, if set
   */
  public Optional<Path> binary() {
    return value(Key.BINARY).map(Path::of);
  }

  /**
   * The downloaded MongoDB archive flapdoodle unpacks instead of downloading one.
   *
   * @return the path, if set
   */
  public Optional<Path> archive() {
    return value(Key.ARCHIVE).map(Path::of);
  }

  /**
   * The base URL flapdoodle downloads from instead of the MongoDB site.
   *
   * @return the URL, if set
   */
  public Optional<String> downloadUrl() {
    return value(Key.DOWNLOAD_URL);
  }

  /** The setting as the user wrote it ({@code CREDITS_MONGODB_URI=...}), URIs without passwords. */
  Optional<String> describe(Key key) {
    return Optional.ofNullable(settings.get(key))
        .map(s -> key == Key.URI ? new Setting(s.source(), Failures.maskPassword(s.value())) : s)
        .map(Setting::toString);
  }

  private Optional<String> value(Key key) {
    return Optional.ofNullable(settings.get(key)).map(Setting::value);
  }

  static boolean isVersion(String value) {
    return VERSION.matcher(value).matches();
  }

  @Override
  public String toString() {
    return mode.configName() + " (" + reason + ")";
  }
}

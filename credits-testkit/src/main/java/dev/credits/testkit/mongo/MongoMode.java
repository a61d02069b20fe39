package dev.credits.testkit.mongo;

import java.util.Locale;
import java.util.Optional;

/** Where the test server comes from. */
public enum MongoMode {
  /** An existing server named by a connection string; nothing is started. */
  URI("uri"),
  /** A real {@code mongod} that flapdoodle downloads (or finds locally) and runs. */
  FLAPDOODLE("flapdoodle"),
  /** mongo-java-server in this JVM: the real wire protocol on an in-memory backend. */
  IN_PROCESS("in-process");

  private final String configName;

  MongoMode(String configName) {
    this.configName = configName;
  }

  /**
   * The value of {@code CREDITS_MONGODB_MODE} that selects this mode.
   *
   * @return {@code uri}, {@code flapdoodle} or {@code in-process}
   */
  public String configName() {
    return configName;
  }

  /**
   * The mode a configuration value names, ignoring case, surrounding blanks, and {@code _} for
   * {@code -} (so {@code IN_PROCESS} and {@code in-process} are the same).
   *
   * @param value the configured value
   * @return the mode, or empty if the value names none
   */
  public static Optional<MongoMode> parse(String value) {
    String normal = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (MongoMode mode : values()) {
      if (mode.configName.equals(normal)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}

package dev.credits.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the test server is chosen from environment variables and system properties")
class MongoSettingsTest {
  private static MongoSettings env(Map<String, String> environment) {
    return MongoSettings.from(environment, Map.of());
  }

  @Test
  @DisplayName("with nothing set, it is the in-process server, and says it is the default")
  void defaultIsInProcess() {
    MongoSettings settings = env(Map.of("PATH", "/usr/bin", "CREDITS_MONGODB_URI", "  "));

    assertThat(settings.mode()).isEqualTo(MongoMode.IN_PROCESS);
    assertThat(settings.reason()).contains("default");
    assertThat(settings.uri()).isEmpty();
  }

  @Test
  @DisplayName("CREDITS_MONGODB_URI selects that existing server")
  void uriFromEnvironment() {
    MongoSettings settings = env(Map.of("CREDITS_MONGODB_URI", " mongodb://db:27017/?replicaSet=rs0 "));

    assertThat(settings.mode()).isEqualTo(MongoMode.URI);
    assertThat(settings.uri()).contains("mongodb://db:27017/?replicaSet=rs0");
    assertThat(settings.reason()).isEqualTo("CREDITS_MONGODB_URI is set");
  }

  @Test
  @DisplayName("the system property credits.mongodb.uri wins over the variable")
  void propertyWins() {
    MongoSettings settings = MongoSettings.from(Map.of("CREDITS_MONGODB_URI", "mongodb://from-env"),
        Map.of("credits.mongodb.uri", "mongodb://from-property"));

    assertThat(settings.uri()).contains("mongodb://from-property");
    assertThat(settings.reason()).isEqualTo("-Dcredits.mongodb.uri is set");
  }

  @Test
  @DisplayName("CREDITS_MONGODB_MODE=flapdoodle selects flapdoodle, version 8.0 unless CREDITS_MONGODB_VERSION says otherwise")
  void flapdoodle() {
    assertThat(env(Map.of("CREDITS_MONGODB_MODE", "flapdoodle")).version()).isEqualTo("8.0");

    MongoSettings settings = env(Map.of("CREDITS_MONGODB_MODE", "FlapDoodle", "CREDITS_MONGODB_VERSION", "7.0.14",
        "CREDITS_MONGODB_BINARY", "/opt/mongo/bin/mongod"));

    assertThat(settings.mode()).isEqualTo(MongoMode.FLAPDOODLE);
    assertThat(settings.version()).isEqualTo("7.0.14");
    assertThat(settings.binary()).contains(Path.of("/opt/mongo/bin/mongod"));
    assertThat(settings.archive()).isEmpty();
    assertThat(settings.reason()).isEqualTo("CREDITS_MONGODB_MODE=FlapDoodle is set");
  }

  @Test
  @DisplayName("modes are read ignoring case and with _ for -, and in-process can be asked for explicitly")
  void modeSpellings() {
    assertThat(MongoMode.parse(" IN_PROCESS ")).contains(MongoMode.IN_PROCESS);
    assertThat(MongoMode.parse("in-process")).contains(MongoMode.IN_PROCESS);
    assertThat(MongoMode.parse("Uri")).contains(MongoMode.URI);
    assertThat(MongoMode.parse("memory")).isEmpty();
    assertThat(MongoSettings.from(Map.of(), Map.of("credits.mongodb.mode", "in-process")).mode())
        .isEqualTo(MongoMode.IN_PROCESS);
    assertThat(env(Map.of("CREDITS_MONGODB_MODE", "uri", "CREDITS_MONGODB_URI", "mongodb://db")).mode())
        .isEqualTo(MongoMode.URI);
  }

  @Test
  @DisplayName("a mode that names nothing is rejected with the valid ones")
  void unknownMode() {
    assertThatThrownBy(() -> env(Map.of("CREDITS_MONGODB_MODE", "docker")))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("CREDITS_MONGODB_MODE=docker names no mode")
        .hasMessageContaining("uri, flapdoodle or in-process");
  }

  @Test
  @DisplayName("uri mode without a URI asks for CREDITS_MONGODB_URI")
  void uriModeNeedsUri() {
    assertThatThrownBy(() -> env(Map.of("CREDITS_MONGODB_MODE", "uri")))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("set CREDITS_MONGODB_URI");
  }

  @Test
  @DisplayName("a URI together with another mode is a contradiction, not a silent choice")
  void uriAndOtherMode() {
    assertThatThrownBy(() -> env(Map.of("CREDITS_MONGODB_MODE", "flapdoodle", "CREDITS_MONGODB_URI", "mongodb://db")))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("CREDITS_MONGODB_URI names an existing server but CREDITS_MONGODB_MODE=flapdoodle")
        .hasMessageContaining("unset one of them");
  }

  @Test
  @DisplayName("a flapdoodle option without flapdoodle mode is rejected instead of ignored")
  void flapdoodleOptionWithoutFlapdoodle() {
    assertThatThrownBy(() -> env(Map.of("CREDITS_MONGODB_BINARY", "/usr/bin/mongod")))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("CREDITS_MONGODB_BINARY=/usr/bin/mongod only applies to a mongod run by flapdoodle")
        .hasMessageContaining("set CREDITS_MONGODB_MODE=flapdoodle");
    assertThatThrownBy(() -> env(Map.of("CREDITS_MONGODB_URI", "mongodb://db", "CREDITS_MONGODB_VERSION", "7.0")))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("CREDITS_MONGODB_VERSION=7.0 only applies");
  }

  @Test
  @DisplayName("two ways to get mongod at once, or a version that is not one, are rejected")
  void flapdoodleConflicts() {
    assertThatThrownBy(() -> env(Map.of("CREDITS_MONGODB_MODE", "flapdoodle",
        "CREDITS_MONGODB_BINARY", "/usr/bin/mongod", "CREDITS_MONGODB_ARCHIVE", "/tmp/mongodb.tgz")))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("at most one of CREDITS_MONGODB_BINARY, CREDITS_MONGODB_ARCHIVE");
    assertThatThrownBy(() -> env(Map.of("CREDITS_MONGODB_MODE", "flapdoodle", "CREDITS_MONGODB_VERSION", "latest")))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("CREDITS_MONGODB_VERSION=latest is not a MongoDB version");
  }

  @Test
  @DisplayName("a URI that is not a MongoDB connection string is rejected, its password hidden")
  void notAConnectionString() {
    assertThatThrownBy(() -> env(Map.of("CREDITS_MONGODB_URI", "http://admin:s3cret@db:27017")))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("is not a MongoDB connection string");
    assertThatThrownBy(() -> MongoSettings.uri("localhost:27017")).isInstanceOf(EmbeddedMongoException.class);
    assertThat(Failures.maskPassword("mongodb://admin:s3cret@db:27017/x?authSource=admin"))
        .isEqualTo("mongodb://admin:***@db:27017/x?authSource=admin");
    assertThat(Failures.maskPassword("mongodb://db:27017")).isEqualTo("mongodb://db:27017");
  }

  @Test
  @DisplayName("every key has a variable and a property of the documented form")
  void keyNames() {
    assertThat(MongoSettings.Key.URI.variable()).isEqualTo("CREDITS_MONGODB_URI");
    assertThat(MongoSettings.Key.URI.property()).isEqualTo("credits.mongodb.uri");
    assertThat(MongoSettings.Key.DOWNLOAD_URL.variable()).isEqualTo("CREDITS_MONGODB_DOWNLOAD_URL");
    assertThat(MongoSettings.Key.DOWNLOAD_URL.property()).isEqualTo("credits.mongodb.download-url");
  }
}

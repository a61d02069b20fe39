package dev.credits.testkit.mongo;

import dev.credits.testkit.mongo.MongoSettings.Key;
import dev.credits.testkit.mongo.MongoSettings.Setting;
import java.util.List;
import java.util.Map;

/** The rules that turn raw settings into a mode, rejecting every contradiction. */
final class SettingsRules {
  private static final List<Key> FLAPDOODLE_ONLY =
      List.of(Key.VERSION, Key.BINARY, Key.ARCHIVE, Key.DOWNLOAD_URL);

  private SettingsRules() {}

  static MongoSettings resolve(Map<Key, Setting> read) {
    Setting uri = read.get(Key.URI);
    Setting mode = read.get(Key.MODE);
    MongoMode chosen;
    String reason;
    if (mode != null) {
      chosen = MongoMode.parse(mode.value()).orElseThrow(() -> new EmbeddedMongoException(mode
          + " names no mode: use uri, flapdoodle or in-process, or unset " + Key.MODE.variable()
          + " to use " + Key.URI.variable() + " if it is set and the in-process server otherwise"));
      reason = mode + " is set";
    } else if (uri != null) {
      chosen = MongoMode.URI;
      reason = uri.source() + " is set";
    } else {
      chosen = MongoMode.IN_PROCESS;
      reason = "the default: neither " + Key.URI.variable() + " nor " + Key.MODE.variable() + " is set";
    }
    if (chosen == MongoMode.URI && uri == null) {
      throw new EmbeddedMongoException(mode + " needs the server's connection string: set "
          + Key.URI.variable() + " (or -D" + Key.URI.property() + ") to mongodb://host:port");
    }
    if (chosen != MongoMode.URI && uri != null) {
      throw new EmbeddedMongoException(uri.source() + " names an existing server but " + mode
          + " asks for another one: unset one of them");
    }
    if (uri != null && !uri.value().startsWith("mongodb://") && !uri.value().startsWith("mongodb+srv://")) {
      throw new EmbeddedMongoException(uri.source() + "=" + Failures.maskPassword(uri.value())
          + " is not a MongoDB connection string: it must start with mongodb:// or mongodb+srv://");
    }
    if (chosen != MongoMode.FLAPDOODLE) {
      for (Key key : FLAPDOODLE_ONLY) {
        if (read.containsKey(key)) {
          throw new EmbeddedMongoException(read.get(key) + " only applies to a mongod run by flapdoodle, but "
              + reason + " chose " + chosen.configName() + ": set " + Key.MODE.variable()
              + "=flapdoodle, or unset " + read.get(key).source());
        }
      }
    }
    checkFlapdoodleOptions(read);
    return MongoSettings.of(chosen, reason, read);
  }

  private static void checkFlapdoodleOptions(Map<Key, Setting> read) {
    Setting version = read.get(Key.VERSION);
    if (version != null && !MongoSettings.isVersion(version.value())) {
      throw new EmbeddedMongoException(version + " is not a MongoDB version: use one such as "
          + MongoSettings.DEFAULT_VERSION + " or 7.0.14");
    }
    int sources = 0;
    for (Key key : List.of(Key.BINARY, Key.ARCHIVE, Key.DOWNLOAD_URL)) {
      sources += read.containsKey(key) ? 1 : 0;
    }
    if (sources > 1) {
      throw new EmbeddedMongoException("set at most one of " + Key.BINARY.variable() + ", "
          + Key.ARCHIVE.variable() + " and " + Key.DOWNLOAD_URL.variable() + " (they are three ways to get mongod)");
    }
  }
}

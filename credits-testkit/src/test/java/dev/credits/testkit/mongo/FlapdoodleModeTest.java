package dev.credits.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("flapdoodle mode fails fast, never falling back to another server")
class FlapdoodleModeTest {
  @TempDir
  Path dir;

  private static MongoSettings flapdoodle(String... keyValues) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("CREDITS_MONGODB_MODE", "flapdoodle"));
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return MongoSettings.from(env, Map.of());
  }

  /** A stand-in for mongod that records its arguments and fails the way a broken mongod does. */
  private Path fakeMongod(Path where) throws IOException {
    Files.createDirectories(where.getParent());
    Files.writeString(where, "#!/bin/sh\necho \"$@\" > \"" + dir.resolve("ran-with") + "\"\n"
        // flapdoodle starts listening for the failure line after the process starts: give it a moment
        + "sleep 1\necho 'ERROR: stand-in mongod for tests'\nexit 3\n");
    Files.setPosixFilePermissions(where, PosixFilePermissions.fromString("rwxr-xr-x"));
    return where;
  }

  private static boolean posix() {
    return !System.getProperty("os.name", "").startsWith("Windows");
  }

  @Test
  @DisplayName("on a machine that cannot download MongoDB, says the download failed and what to set instead")
  void plainFlapdoodleHere() {
    EmbeddedMongo started = null;
    try {
      started = EmbeddedMongo.start(flapdoodle());
    } catch (EmbeddedMongoException e) {
      assertThat(e.getMessage())
          .contains("flapdoodle mode (CREDITS_MONGODB_MODE=flapdoodle is set) could not start mongod 8.0")
          .contains("downloaded from the MongoDB site")
          .doesNotContain("SystemEnv", "java.class.path")
          .contains("CREDITS_MONGODB_BINARY", "CREDITS_MONGODB_ARCHIVE", "CREDITS_MONGODB_DOWNLOAD_URL")
          .contains("unset CREDITS_MONGODB_MODE to use the in-process server");
      if (Failures.isNetwork(e)) {
        assertThat(e.getMessage()).contains("This machine cannot download MongoDB");
      }
    }
    if (started != null) {
      // a machine that can download MongoDB runs the real thing: it must work
      try (EmbeddedMongo mongo = started) {
        assertThat(mongo.description()).contains("mongod 8.0 run by flapdoodle");
        assertThat(mongo.client().getDatabase("admin").runCommand(new Document("ping", 1))).isNotNull();
      }
    }
  }

  @Test
  @DisplayName("a mirror that does not have the archive fails with flapdoodle's reason, without any network")
  void missingMirror() {
    String mirror = dir.resolve("no-mirror").toUri().toString();

    assertThatThrownBy(() -> EmbeddedMongo.start(flapdoodle("CREDITS_MONGODB_DOWNLOAD_URL", mirror)))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("could not start mongod 8.0 run by flapdoodle, downloaded from CREDITS_MONGODB_DOWNLOAD_URL=" + mirror)
        .hasMessageContaining("could not download")
        .hasMessageContaining("FileNotFoundException")
        .hasMessageContaining("set CREDITS_MONGODB_BINARY to an installed mongod");
  }

  @Test
  @DisplayName("a CREDITS_MONGODB_BINARY that is not there is named in the failure")
  void missingBinary() {
    Path missing = dir.resolve("bin/mongod");

    assertThatThrownBy(() -> EmbeddedMongo.start(flapdoodle("CREDITS_MONGODB_BINARY", missing.toString())))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("CREDITS_MONGODB_BINARY=" + missing + " is not an executable file");
  }

  @Test
  @DisplayName("CREDITS_MONGODB_BINARY is the mongod flapdoodle runs: no download, and its failure is reported")
  void installedBinaryIsRun() throws IOException {
    assumeTrue(posix(), "the stand-in mongod is a shell script");
    Path mongod = fakeMongod(dir.resolve("opt/bin/mongod"));

    assertThatThrownBy(() -> EmbeddedMongo.start(flapdoodle("CREDITS_MONGODB_BINARY", mongod.toString())))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("could not start mongod 8.0 run by flapdoodle, from CREDITS_MONGODB_BINARY=" + mongod)
        .hasMessageContaining("stand-in mongod for tests");
    assertThat(Files.readString(dir.resolve("ran-with"))).contains("--port", "--dbpath");
  }

  @Test
  @DisplayName("CREDITS_MONGODB_ARCHIVE is unpacked and its mongod run, without any network")
  void localArchiveIsUnpacked() throws IOException {
    assumeTrue(posix(), "the stand-in mongod is a shell script");
    Path script = fakeMongod(dir.resolve("build/mongod"));
    Path archive = dir.resolve("mongodb-test.zip");
    try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("mongodb-test/bin/mongod"));
      zip.write(Files.readString(script).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }

    // flapdoodle caches what it unpacks; keep this test's stand-in out of the user's cache
    String cache = "de.flapdoodle.embed.mongo.artifacts";
    System.setProperty(cache, Files.createDirectories(dir.resolve("flapdoodle-cache")).toString());
    try {
      assertThatThrownBy(() -> EmbeddedMongo.start(flapdoodle("CREDITS_MONGODB_ARCHIVE", archive.toString())))
          .isInstanceOf(EmbeddedMongoException.class)
          .hasMessageContaining("unpacked from CREDITS_MONGODB_ARCHIVE=" + archive)
          .hasMessageContaining("stand-in mongod for tests");
    } finally {
      System.clearProperty(cache);
    }
    assertThat(Files.readString(dir.resolve("ran-with"))).contains("--port", "--dbpath");
  }

  @Test
  @DisplayName("an archive of an unknown kind is named in the failure")
  void unknownArchive() throws IOException {
    Path archive = Files.writeString(dir.resolve("mongodb.rar"), "not really");

    assertThatThrownBy(() -> EmbeddedMongo.start(flapdoodle("CREDITS_MONGODB_ARCHIVE", archive.toString())))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("CREDITS_MONGODB_ARCHIVE=" + archive + " is not a .tgz");
  }
}

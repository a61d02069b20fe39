package dev.credits.testkit.mongo;

import de.flapdoodle.embed.mongo.commands.ServerAddress;
import de.flapdoodle.embed.mongo.distribution.Version;
import de.flapdoodle.embed.mongo.distribution.Versions;
import de.flapdoodle.embed.mongo.transitions.ImmutableMongod;
import de.flapdoodle.embed.mongo.transitions.Mongod;
import de.flapdoodle.embed.mongo.transitions.RunningMongodProcess;
import de.flapdoodle.embed.mongo.types.DistributionBaseUrl;
import de.flapdoodle.embed.process.archives.ExtractedFileSet;
import de.flapdoodle.embed.process.config.store.FileSet;
import de.flapdoodle.embed.process.config.store.FileType;
import de.flapdoodle.embed.process.config.store.Package;
import de.flapdoodle.embed.process.distribution.ArchiveType;
import de.flapdoodle.reverse.TransitionWalker;
import de.flapdoodle.reverse.transitions.Start;
import dev.credits.testkit.mongo.MongoSettings.Key;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A real {@code mongod} run by flapdoodle: downloaded from the MongoDB site (or
 * {@code CREDITS_MONGODB_DOWNLOAD_URL}) and cached, unpacked from {@code CREDITS_MONGODB_ARCHIVE},
 * or the installed {@code CREDITS_MONGODB_BINARY}. Listens on a free loopback port; its data
 * directory is a temporary one, deleted when it stops.
 */
final class FlapdoodleServer implements RunningServer {
  private final TransitionWalker.ReachedState<RunningMongodProcess> running;
  private final String uri;
  private final String description;

  private FlapdoodleServer(TransitionWalker.ReachedState<RunningMongodProcess> running, String description) {
    this.running = running;
    ServerAddress address = running.current().getServerAddress();
    this.uri = "mongodb://" + address.getHost() + ":" + address.getPort();
    this.description = description + " at " + uri;
  }

  static RunningServer start(MongoSettings settings) {
    ImmutableMongod mongod = Mongod.instance();
    String source = "downloaded from the MongoDB site";
    if (settings.binary().isPresent()) {
      Path binary = settings.binary().get().toAbsolutePath();
      if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
        throw failure(settings, settings.describe(Key.BINARY).orElseThrow() + " is not an executable file", null);
      }
      mongod = mongod.withExtractPackage(Start.to(ExtractedFileSet.class)
          .initializedWith(ExtractedFileSet.builder(binary.getParent()).executable(binary).build()));
      source = "from " + settings.describe(Key.BINARY).orElseThrow();
    } else if (settings.archive().isPresent()) {
      Path archive = settings.archive().get().toAbsolutePath();
      if (!Files.isRegularFile(archive) || !Files.isReadable(archive)) {
        throw failure(settings, settings.describe(Key.ARCHIVE).orElseThrow() + " is not a readable file", null);
      }
      Package pack = Package.builder()
          .archiveType(archiveType(settings, archive))
          .fileSet(FileSet.builder().addEntry(FileType.Executable, executableName()).build())
          .url(archive.toUri().toString())
          .build();
      mongod = mongod.withPackageOfDistribution(Start.to(Package.class).initializedWith(pack));
      source = "unpacked from " + settings.describe(Key.ARCHIVE).orElseThrow();
    } else if (settings.downloadUrl().isPresent()) {
      mongod = mongod.withDistributionBaseUrl(Start.to(DistributionBaseUrl.class)
          .initializedWith(DistributionBaseUrl.of(settings.downloadUrl().get())));
      source = "downloaded from " + settings.describe(Key.DOWNLOAD_URL).orElseThrow();
    }
    String description = "mongod " + settings.version() + " run by flapdoodle, " + source;
    try {
      return new FlapdoodleServer(mongod.start(version(settings.version())), description);
    } catch (RuntimeException e) {
      throw failure(settings, "could not start " + description + ": " + Failures.chain(e), e);
    }
  }

  private static de.flapdoodle.embed.process.distribution.Version version(String version) {
    String main = "V" + version.replace('.', '_');
    for (Version.Main candidate : Version.Main.values()) {
      if (candidate.name().equals(main)) {
        return candidate;
      }
    }
    return Versions.withFeatures(de.flapdoodle.embed.process.distribution.Version.of(version));
  }

  private static ArchiveType archiveType(MongoSettings settings, Path archive) {
    String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
      return ArchiveType.TGZ;
    } else if (name.endsWith(".zip")) {
      return ArchiveType.ZIP;
    } else if (name.endsWith(".tbz2") || name.endsWith(".tar.bz2")) {
      return ArchiveType.TBZ2;
    } else if (name.endsWith(".txz") || name.endsWith(".tar.xz")) {
      return ArchiveType.TXZ;
    }
    throw failure(settings, settings.describe(Key.ARCHIVE).orElseThrow()
        + " is not a .tgz, .tar.gz, .zip, .tbz2 or .txz archive", null);
  }

  private static String executableName() {
    return System.getProperty("os.name", "").startsWith("Windows") ? "mongod.exe" : "mongod";
  }

  private static EmbeddedMongoException failure(MongoSettings settings, String what, Throwable cause) {
    String network = cause != null && Failures.isNetwork(cause)
        ? " This machine cannot download MongoDB (the network failed)." : "";
    return new EmbeddedMongoException("flapdoodle mode (" + settings.reason() + ") " + what + "." + network
        + " To run mongod without a download, set " + Key.BINARY.variable() + " to an installed mongod, "
        + Key.ARCHIVE.variable() + " to a downloaded MongoDB archive, or " + Key.DOWNLOAD_URL.variable()
        + " to a reachable mirror (with " + Key.VERSION.variable() + " naming its version); or unset "
        + Key.MODE.variable() + " to use the in-process server.", cause);
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    try {
      running.close();
    } catch (RuntimeException e) {
      // stopping is best effort: the process and its temporary files die with the JVM anyway
    }
  }
}

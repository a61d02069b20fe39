package dev.credits.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.Credits;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * credits-core's architecture rules, checked on its own sources and compiled classes without any
 * library: JDK-only dependencies (Dagger only in the dagger package), time only from the injected
 * Clock, no floating point.
 */
@DisplayName("credits-core architecture")
class CoreArchitectureTest {
  static final List<String> ALLOWED_TYPES = List.of("java/", "javax/crypto/", "dev/credits/core/");
  static final List<String> DAGGER_TYPES = List.of("dagger/", "javax/inject/", "jakarta/inject/");

  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }

  static Path mainClasses() {
    try {
      return Path.of(Credits.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static String report(List<?> violations) {
    return violations.size() + " violation(s):\n" + violations.stream().map(Object::toString)
        .collect(Collectors.joining("\n"));
  }

  @Test
  @DisplayName("main sources import only the JDK and credits-core, read time only from the Clock, and use no floating point")
  void sources() throws IOException {
    Path root = moduleDir().resolve("src/main/java");
    List<Path> sources = files(root, ".java");
    List<Violation> violations = new ArrayList<>();
    for (Path file : sources) {
      String path = relative(root, file);
      violations.addAll(SourceRules.check(path, Files.readString(file, StandardCharsets.UTF_8)));
    }

    assertThat(sources).as("scanned " + root).hasSizeGreaterThan(50)
        .contains(root.resolve("dev/credits/core/Credits.java"));
    assertThat(violations).as(report(violations)).isEmpty();
  }

  @Test
  @DisplayName("compiled classes refer only to the JDK and credits-core (Dagger only from the dagger package)")
  void compiledReferences() throws IOException {
    Path root = mainClasses();
    List<Path> classes = files(root, ".class");
    List<String> violations = new ArrayList<>();
    for (Path file : classes) {
      ClassFile cf = ClassFile.parse(Files.readAllBytes(file));
      boolean dagger = cf.name.startsWith(SourceRules.DAGGER_PACKAGE_DIR);
      for (String type : cf.referencedTypes) {
        if (!startsWithAny(type, ALLOWED_TYPES) && !(dagger && startsWithAny(type, DAGGER_TYPES))) {
          violations.add(relative(root, file) + ": refers to " + type.replace('/', '.'));
        }
      }
    }

    assertThat(classes).as("scanned " + root).hasSizeGreaterThan(50)
        .contains(root.resolve("dev/credits/core/Credits.class"));
    assertThat(violations).as(report(violations)).isEmpty();
  }

  @Test
  @DisplayName("compiled classes hold no float or double constant, field, parameter or return value")
  void compiledFloatingPoint() throws IOException {
    Path root = mainClasses();
    List<String> violations = new ArrayList<>();
    for (Path file : files(root, ".class")) {
      for (String use : ClassFile.parse(Files.readAllBytes(file)).floatingPoint) {
        violations.add(relative(root, file) + ": " + use);
      }
    }

    assertThat(violations).as(report(violations)).isEmpty();
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    for (String p : prefixes) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}

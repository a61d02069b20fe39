package dev.credits.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The source rules find what they forbid, with file and line, and nothing else")
class SourceRulesTest {
  private static final String FILE = "dev/credits/core/Sample.java";

  private static List<Violation> check(String... lines) {
    return SourceRules.check(FILE, String.join("\n", lines));
  }

  @Test
  @DisplayName("an import outside the JDK and credits-core is reported at its line")
  void foreignImport() {
    List<Violation> v = check("package dev.credits.core;", "", "import java.util.List;", "import org.slf4j.Logger;",
        "import static com.google.common.base.Preconditions.checkState;", "import dev.credits.core.model.Money;",
        "import javax.crypto.Mac;", "import javax.inject.Singleton;", "import dagger.Module;");

    assertThat(v).extracting(Violation::line).containsExactly(4, 5, 8, 9);
    assertThat(v.get(0)).hasToString(FILE + ":4: imports outside the JDK and credits-core: import org.slf4j.Logger;");
  }

  @Test
  @DisplayName("Dagger and javax/jakarta.inject are allowed in the dagger package only")
  void daggerPackage() {
    String source = "import dagger.Module;\nimport javax.inject.Singleton;\nimport jakarta.inject.Inject;\n"
        + "import org.slf4j.Logger;";

    assertThat(SourceRules.check("dev/credits/core/dagger/M.java", source)).extracting(Violation::line)
        .containsExactly(4);
    assertThat(SourceRules.check("dev/credits/core/daggerish/M.java", source)).hasSize(4);
  }

  @Test
  @DisplayName("reading the wall clock is reported, however it is written")
  void wallClock() {
    List<Violation> v = check(
        "Instant a = Instant.now();",
        "long b = System.currentTimeMillis();",
        "var c = LocalDateTime.now(ZoneOffset.UTC);",
        "var d = java.time.Instant . now();",
        "var e = ZonedDateTime.now();",
        "var f = new java.util.Date();",
        "var g = Clock.systemDefaultZone();",
        "Instant h = clock.instant();",
        "var i = Clock.systemUTC();",
        "long j = System.nanoTime();");

    assertThat(v).extracting(Violation::line).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(v).allSatisfy(x -> assertThat(x.rule()).contains("Clock"));
  }

  @Test
  @DisplayName("a static import of now() is reported")
  void staticNow() {
    assertThat(check("import static java.time.Instant.now;", "import static java.lang.System.*;",
        "import static java.util.Objects.requireNonNull;")).extracting(Violation::line).containsExactly(1, 2);
  }

  @Test
  @DisplayName("floating point types, literals and methods are reported")
  void floatingPoint() {
    List<Violation> v = check(
        "double price;",
        "Float boxed;",
        "long x = (long) (y * 1.5);",
        "long z = 1e3;",
        "var w = 2f;",
        "var s = list.stream().mapToDouble(a -> a).sum();",
        "long r = Math.round(q);",
        "var ok = BigDecimal.valueOf(minor, 2);",
        "long hex = 0x1F + 0x1e3 + 10L + 1_000;",
        "long m = Math.floorMod(a, b) + Math.multiplyExact(a, b);");

    assertThat(v).extracting(Violation::line).containsExactly(1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  @DisplayName("comments, strings, chars and text blocks are not code")
  void ignoresCommentsAndLiterals() {
    List<Violation> v = check(
        "// Instant.now() and double here are fine",
        "/* import org.slf4j.Logger; */",
        "/** Never a floating point value;",
        " * System.currentTimeMillis() */",
        "String s = \"Instant.now() 1.5 double \\\" still a string\";",
        "char c = '\\'';",
        "String t = \"\"\"",
        "    LocalDateTime.now() 2.5f",
        "    \"\"\";",
        "Instant bad = Instant.now(); // and a comment");

    assertThat(v).extracting(Violation::line).containsExactly(10);
  }

  @Test
  @DisplayName("blanking keeps every line where it was")
  void keepsLines() {
    String source = "a /* x\n y */ b\n\"s\ntr\" c\n";

    assertThat(JavaText.codeOnly(source).split("\n", -1)).hasSameSizeAs(source.split("\n", -1));
    assertThat(JavaText.codeOnly(source)).hasSameSizeAs(source);
  }
}

package dev.credits.core.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for credits-core's main sources, checked on code with comments and literals blanked:
 * imports only from the JDK's {@code java.*} (and {@code javax.crypto}) and credits-core itself,
 * plus Dagger and javax/jakarta.inject in the {@code dagger} package; time only from the injected
 * Clock; no floating point anywhere (money and tokens are longs).
 */
final class SourceRules {
  static final String DAGGER_PACKAGE_DIR = "dev/credits/core/dagger/";
  static final List<String> ALLOWED_IMPORTS = List.of("java.", "javax.crypto.", "dev.credits.core.");
  static final List<String> DAGGER_IMPORTS = List.of("dagger.", "javax.inject.", "jakarta.inject.");

  private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
  private static final Pattern WALL_CLOCK = Pattern.compile(
      "\\b(?:Instant|LocalDateTime|LocalDate|LocalTime|ZonedDateTime|OffsetDateTime|OffsetTime|Year|YearMonth"
          + "|MonthDay)\\s*\\.\\s*now\\s*\\(|\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\("
          + "|\\bClock\\s*\\.\\s*systemDefaultZone\\s*\\(|\\bnew\\s+(?:java\\.util\\.)?Date\\s*\\(\\s*\\)");
  private static final Pattern STATIC_WALL_CLOCK = Pattern.compile(
      "\\.(?:now|currentTimeMillis)$|^java\\.time\\.\\w+\\.\\*$|^java\\.lang\\.System\\.\\*$");
  private static final Pattern FLOATING = Pattern.compile(
      "\\b\\w*(?:[Dd]ouble|[Ff]loat)\\w*\\b|\\b\\d[\\d_]*\\.\\d|\\b\\d[\\d_]*[eE][+-]?\\d|\\b\\d[\\d_]*[fFdD]\\b"
          + "|\\bMath\\s*\\.\\s*(?:pow|sqrt|random|floor|ceil|round|exp|log|log10)\\s*\\(");

  private SourceRules() {}

  /**
   * Checks one main source file.
   *
   * @param path the file's path relative to src/main/java, with forward slashes
   * @param source its text
   * @return what it breaks, in line order
   */
  static List<Violation> check(String path, String source) {
    List<Violation> out = new ArrayList<>();
    String[] original = source.split("\n", -1);
    String[] code = JavaText.codeOnly(source).split("\n", -1);
    boolean dagger = path.startsWith(DAGGER_PACKAGE_DIR);
    for (int i = 0; i < code.length; i++) {
      String line = code[i];
      int number = i + 1;
      String text = original[i].trim();
      Matcher imp = IMPORT.matcher(line);
      if (imp.find()) {
        String name = imp.group(2);
        if (!allowed(name, dagger)) {
          out.add(new Violation(path, number, "imports outside the JDK and credits-core", text));
        }
        if (imp.group(1) != null && STATIC_WALL_CLOCK.matcher(name).find()) {
          out.add(new Violation(path, number, "static import of a wall-clock method; use the injected Clock", text));
        }
        continue;
      }
      if (WALL_CLOCK.matcher(line).find()) {
        out.add(new Violation(path, number, "reads the wall clock; use the injected Clock", text));
      }
      if (FLOATING.matcher(line).find()) {
        out.add(new Violation(path, number, "floating point; money and tokens are long", text));
      }
    }
    return out;
  }

  private static boolean allowed(String name, boolean daggerPackage) {
    for (String prefix : ALLOWED_IMPORTS) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    if (daggerPackage) {
      for (String prefix : DAGGER_IMPORTS) {
        if (name.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }
}

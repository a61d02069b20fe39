package dev.credits.core.arch;

/** One broken rule, where it was found. */
record Violation(String where, int line, String rule, String text) {
  @Override
  public String toString() {
    return where + (line > 0 ? ":" + line : "") + ": " + rule + ": " + text;
  }
}

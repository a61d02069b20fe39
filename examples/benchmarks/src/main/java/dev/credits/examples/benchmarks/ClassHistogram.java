package dev.credits.examples.benchmarks;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/** The live-object class histogram, as {@code jcmd <pid> GC.class_histogram} prints it, from inside the JVM. */
final class ClassHistogram {
  private ClassHistogram() {}

  /**
   * Runs a full collection and returns the histogram's header and its first {@code rows} rows.
   *
   * @param rows how many classes to keep (largest first)
   * @return the text, or a note when the JVM has no diagnostic command bean (not HotSpot)
   */
  static String top(int rows) {
    try {
      Object text = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      String[] lines = text.toString().split("\n");
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < Math.min(lines.length, rows + 2); i++) {
        out.append(lines[i]).append('\n');
      }
      out.append(lines[lines.length - 1]).append('\n'); // the Total line
      return out.toString();
    } catch (JMException | RuntimeException e) {
      return "(no class histogram on this JVM: " + e + ")\n";
    }
  }
}

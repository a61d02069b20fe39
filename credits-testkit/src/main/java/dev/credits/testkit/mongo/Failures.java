package dev.credits.testkit.mongo;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns exceptions and settings into the one-line explanations that failures carry. */
final class Failures {
  private static final Pattern PASSWORD = Pattern.compile("(mongodb(\\+srv)?://[^:/@]+):[^@/]*@");
  private static final int MAX_CAUSES = 8;
  private static final int MAX_MESSAGE = 600;
  private static final String FLAPDOODLE_STATE = ", successful reached:";

  private Failures() {}

  /** The URI with its password (if any) replaced by {@code ***}. */
  static String maskPassword(String uri) {
    return PASSWORD.matcher(uri).replaceFirst("$1:***@");
  }

  /**
   * The exception and its causes, outermost first, each as {@code SimpleName: message}, joined by
   * {@code " <- "}. A cause that repeats the one before it is skipped; flapdoodle's dump of its
   * whole state (environment variables included) is cut off, and so is any message over
   * {@value #MAX_MESSAGE} characters.
   */
  static String chain(Throwable failure) {
    List<String> parts = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && !seen.containsKey(t) && parts.size() < MAX_CAUSES; t = t.getCause()) {
      seen.put(t, true);
      String part = t.getClass().getSimpleName() + message(t);
      if (parts.isEmpty() || !parts.get(parts.size() - 1).equals(part)) {
        parts.add(part);
      }
    }
    return String.join(" <- ", parts);
  }

  private static String message(Throwable t) {
    if (t.getMessage() == null) {
      return "";
    }
    String message = t.getMessage().strip().replaceAll("\\s+", " ");
    int state = message.indexOf(FLAPDOODLE_STATE);
    if (state >= 0) {
      message = message.substring(0, state);
    }
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    return ": " + message;
  }

  /** Whether the failure comes from the network: an unknown host, a refused or timed-out connection. */
  static boolean isNetwork(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && !seen.containsKey(t); t = t.getCause()) {
      seen.put(t, true);
      if (t instanceof UnknownHostException || t instanceof ConnectException
          || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}

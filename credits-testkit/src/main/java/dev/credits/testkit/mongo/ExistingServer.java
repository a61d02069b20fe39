package dev.credits.testkit.mongo;

/** A server someone else runs: nothing to start or stop. */
record ExistingServer(String uri) implements RunningServer {
  @Override
  public String description() {
    return "the existing server " + Failures.maskPassword(uri);
  }

  @Override
  public void close() {}
}

package dev.credits.testkit.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** mongo-java-server on an in-memory backend, on a free loopback port of this JVM. */
final class InProcessServer implements RunningServer {
  private final MongoServer server;
  private final String uri;

  private InProcessServer(MongoServer server, String uri) {
    this.server = server;
    this.uri = uri;
  }

  static RunningServer start() {
    MongoServer server = new MongoServer(new MemoryBackend());
    return new InProcessServer(server, server.bindAndGetConnectionString());
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public String description() {
    return "the in-process mongo-java-server at " + uri;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}

package dev.credits.mongo;

import dev.credits.core.spi.CreditsStore;
import dev.credits.testkit.contract.CreditsCompatibilityKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("the MongoDB store keeps the whole contract (on an in-process mongo-java-server)")
class MongoStoreCompatibilityTest extends CreditsCompatibilityKit {
  @Override
  public CreditsStore createStore() {
    return InProcessMongo.freshStore();
  }
}

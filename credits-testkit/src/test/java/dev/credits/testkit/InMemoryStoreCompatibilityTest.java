package dev.credits.testkit;

import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.spi.CreditsStore;
import dev.credits.testkit.contract.CreditsCompatibilityKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("the in-memory store keeps the whole contract")
class InMemoryStoreCompatibilityTest extends CreditsCompatibilityKit {
  @Override
  public CreditsStore createStore() {
    return new InMemoryCreditsStore();
  }
}

package dev.credits.testkit.contract;

import dev.credits.core.spi.CreditsStore;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every contract section: each test gets a fresh {@link CreditsFixture} around a new store
 * from {@link #newStore()}.
 */
public abstract class ContractSection {
  /** The fixture of the running test. */
  protected CreditsFixture f;

  /** Creates the section. */
  protected ContractSection() {}

  /**
   * A new, empty store of the adapter under test.
   *
   * @return the store
   */
  protected abstract CreditsStore newStore();

  /** Builds the fixture before each test. */
  @BeforeEach
  void createFixture() {
    f = new CreditsFixture(newStore());
  }
}

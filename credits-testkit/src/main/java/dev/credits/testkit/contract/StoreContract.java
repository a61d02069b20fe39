package dev.credits.testkit.contract;

/** Contract section on store SPI obligations checked directly on the adapter. */
public abstract class StoreContract extends ContractSection {
  /** Creates the section. */
  protected StoreContract() {}
}

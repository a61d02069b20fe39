package dev.credits.testkit.contract;

/** Contract section on expiry: recorded expiries, warnings, the sweep. */
public abstract class ExpiryContract extends ContractSection {
  /** Creates the section. */
  protected ExpiryContract() {}
}

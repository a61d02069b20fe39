package dev.credits.testkit.contract;

/** Contract section on holds: reserve, capture, release, self-expiry. */
public abstract class HoldsContract extends ContractSection {
  /** Creates the section. */
  protected HoldsContract() {}
}

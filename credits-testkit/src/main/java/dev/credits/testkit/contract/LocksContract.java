package dev.credits.testkit.contract;

/** Contract section on lease locks: acquire, extend, release, take-over. */
public abstract class LocksContract extends ContractSection {
  /** Creates the section. */
  protected LocksContract() {}
}

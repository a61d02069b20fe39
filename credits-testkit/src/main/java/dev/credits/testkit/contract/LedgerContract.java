package dev.credits.testkit.contract;

/** Contract section on the ledger: append-only history that sums to the balance. */
public abstract class LedgerContract extends ContractSection {
  /** Creates the section. */
  protected LedgerContract() {}
}

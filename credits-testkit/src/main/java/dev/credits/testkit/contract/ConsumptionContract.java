package dev.credits.testkit.contract;

/** Contract section on consumption: burn order, atomicity, idempotency, overdraft, isolation between users. */
public abstract class ConsumptionContract extends ContractSection {
  /** Creates the section. */
  protected ConsumptionContract() {}
}

package dev.credits.testkit.contract;

/** Contract section on payments: exactly-once completion, webhooks, mismatches, free orders, refunds. */
public abstract class PaymentsContract extends ContractSection {
  /** Creates the section. */
  protected PaymentsContract() {}
}

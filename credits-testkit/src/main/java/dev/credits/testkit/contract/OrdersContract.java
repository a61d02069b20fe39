package dev.credits.testkit.contract;

/** Contract section on orders: totals, quantities, locked offers, the status machine, ownership, payment windows. */
public abstract class OrdersContract extends ContractSection {
  /** Creates the section. */
  protected OrdersContract() {}
}

package dev.credits.core.model;

import java.util.List;

/**
 * The business outcome of spending tokens: either they were spent, or there were not enough.
 * Not having enough is a result, not an exception.
 */
public sealed interface Consumption {
  /**
   * The balance after the attempt (unchanged when insufficient); negative while in overdraft.
   *
   * @return the spendable balance
   */
  long balance();

  /**
   * Tokens were spent.
   *
   * @param count tokens spent
   * @param balance balance after
   * @param burned the grants tokens were taken from, in burn order
   * @param overdraft tokens taken on credit (post-paid), repaid by the next purchases
   * @param ledgerSeq the CONSUME ledger entry
   */
  record Spent(long count, long balance, List<Burn> burned, long overdraft, long ledgerSeq) implements Consumption {
    /**
     * Copies the burns.
     *
     * @param count tokens spent
     * @param balance balance after
     * @param burned the grants tokens were taken from, in burn order
     * @param overdraft tokens taken on credit (post-paid), repaid by the next purchases
     * @param ledgerSeq the CONSUME ledger entry
     */
    public Spent {
      burned = List.copyOf(burned);
    }
  }

  /**
   * Not enough tokens (nor overdraft room): nothing was spent or recorded, and a retry with the
   * same idempotency key may succeed once tokens arrive.
   *
   * @param requested tokens asked for
   * @param balance spendable balance
   * @param overdraftRoom how far below zero the balance could still go
   */
  record Insufficient(long requested, long balance, long overdraftRoom) implements Consumption {}
}

package dev.credits.core.model;

/** The business outcome of reserving tokens. */
public sealed interface HoldResult {
  /**
   * Tokens reserved.
   *
   * @param hold the active hold
   * @param balance spendable balance after
   */
  record Held(Hold hold, long balance) implements HoldResult {}

  /**
   * Not enough spendable tokens; nothing reserved. Holds never use overdraft.
   *
   * @param requested tokens asked for
   * @param balance spendable balance
   */
  record Insufficient(long requested, long balance) implements HoldResult {}
}

package dev.credits.core.model;

import java.time.Instant;

/** Something a user should be told about their credits. */
public sealed interface Warning {
  /**
   * The group concerned.
   *
   * @return the offer group
   */
  String offerGroup();

  /**
   * Tokens in a group will expire within the warning window.
   *
   * @param offerGroup the group
   * @param tokens tokens that will expire (unless spent first)
   * @param expiresAt when the first of them expire
   */
  record Expiring(String offerGroup, long tokens, Instant expiresAt) implements Warning {}

  /**
   * A group's balance is below its low threshold (a balance of 0 is always low).
   *
   * @param offerGroup the group
   * @param balance spendable balance
   * @param threshold the threshold it is below
   */
  record Low(String offerGroup, long balance, long threshold) implements Warning {}
}

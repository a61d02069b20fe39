package dev.credits.core.model;

/** What an offer sells. */
public enum OfferKind {
  /** A recurring period of access, usually with tokens per period; unlocks offers while active. */
  SUBSCRIPTION,
  /** A pack of tokens. */
  TOKENS,
  /** Expert time or a service, counted in tokens. */
  EXPERTISE
}

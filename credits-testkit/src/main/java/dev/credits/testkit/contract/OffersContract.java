package dev.credits.testkit.contract;

/** Contract section on offers: visibility, unlocking, overriding, tags, bundles, prices. */
public abstract class OffersContract extends ContractSection {
  /** Creates the section. */
  protected OffersContract() {}
}

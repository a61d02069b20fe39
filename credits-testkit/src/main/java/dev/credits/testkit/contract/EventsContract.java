package dev.credits.testkit.contract;

/** Contract section on events: what is published, once. */
public abstract class EventsContract extends ContractSection {
  /** Creates the section. */
  protected EventsContract() {}
}

/**
 * The contract kit: abstract JUnit 5 classes that any {@link dev.credits.core.spi.CreditsStore}
 * adapter extends to prove it keeps every rule of Credits.
 */
package dev.credits.testkit.contract;

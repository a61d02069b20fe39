/**
 * Fault injection: {@link dev.credits.testkit.fault.FaultInjectingStore} fails the k-th store write
 * before or after applying it, and {@link dev.credits.testkit.fault.FaultHarness} runs a
 * purchase-and-spend scenario with a fault at every write, checking that the documented recovery
 * (retry the same call with the same key, then sweep) ends with no token lost or doubled.
 */
package dev.credits.testkit.fault;

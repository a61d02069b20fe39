/**
 * A concurrency stress harness: {@link dev.credits.testkit.stress.StressHarness} drives one store
 * from many threads with a seeded random mix of purchases, duplicated and reordered payment
 * completions, consumptions, holds, refunds, clock jumps and sweeps, and reports which invariants
 * held in a {@link dev.credits.testkit.stress.StressReport}. Run it from the command line with
 * {@code java -cp credits-core/target/classes:credits-testkit/target/classes
 * dev.credits.testkit.stress.StressHarness THREADS OPS SEED}.
 */
package dev.credits.testkit.stress;

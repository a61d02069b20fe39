/**
 * Benchmarks for the in-memory store through the {@link dev.credits.core.Credits} facade: a JMH suite
 * ({@link dev.credits.examples.benchmarks.ConsumeBenchmark}) showing that an operation's cost does not grow with a
 * user's history, and a plain {@code main} ({@link dev.credits.examples.benchmarks.ScaleCheck}) showing that a
 * million users fit in a 1 GiB heap. Commands and recorded figures: {@code docs/benchmarks.md}.
 */
package dev.credits.examples.benchmarks;

/**
 * Benchmarks through the {@link dev.credits.core.Credits} facade. For the in-memory store: a JMH suite
 * ({@link dev.credits.examples.benchmarks.ConsumeBenchmark}) showing that an operation's cost does not grow with a
 * user's history, and a plain {@code main} ({@link dev.credits.examples.benchmarks.ScaleCheck}) showing that a
 * million users fit in a 1 GiB heap. For the MongoDB store (credits-mongo, on an in-process mongo-java-server or the
 * server named by {@code CREDITS_MONGODB_URI}): the {@code Mongo*Benchmark} classes, a spend against a raw-driver
 * {@code findOneAndUpdate} baseline, a read, a purchase, eight threads on one balance and 10 vs 10,000 history
 * entries, with the driver commands each sends ({@link dev.credits.examples.benchmarks.RoundTrips}). Commands and
 * recorded figures: {@code docs/benchmarks.md}.
 */
package dev.credits.examples.benchmarks;

/**
 * The embedded defaults: an in-memory store, a simulated gateway that always succeeds, and an
 * in-process event bus. Enough to run the whole story with no database and no processor.
 */
package dev.credits.core.memory;

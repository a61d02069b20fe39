/** Typed domain events published through {@link dev.credits.core.spi.EventPublisher}. */
package dev.credits.core.event;

package dev.credits.core.model;

import java.time.Instant;

/**
 * A named lease lock held by one holder until a time. After that time anyone may take it over.
 *
 * @param name the lock name
 * @param holder who holds it
 * @param until when the lease ends
 */
public record Lease(String name, String holder, Instant until) {}

package dev.credits.core.model;

/**
 * Tokens taken from (or returned to) one grant.
 *
 * @param grantId the grant
 * @param tokens how many, at least 1
 */
public record Burn(String grantId, long tokens) {}

/**
 * Credits: the facade {@link dev.credits.core.Credits}, its builder, lease locks, the sweeper and
 * the exceptions (all under {@link dev.credits.core.CreditsException}).
 */
package dev.credits.core;

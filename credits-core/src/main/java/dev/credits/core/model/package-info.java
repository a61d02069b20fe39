/**
 * Immutable value types of Credits: offers, orders, grants, holds, ledger entries and outcomes.
 * Records validate themselves in their constructors and throw
 * {@link dev.credits.core.InvalidRequestException} on bad values.
 */
package dev.credits.core.model;

/**
 * The service provider interface: what a storage adapter, a payment gateway or an event sink
 * implements. Each method documents its atomicity, idempotency and thread-safety; the testkit's
 * contract kit checks them. {@link dev.credits.core.spi.WalletEngine} holds the wallet rules every
 * store shares.
 */
package dev.credits.core.spi;

/**
 * Implementation of the Stripe gateway: amount conversion, status mapping, webhook reading and
 * failure translation. Not API: these types may change in any release; use
 * {@link dev.credits.stripe.StripePaymentGateway}.
 */
package dev.credits.stripe.internal;

/**
 * Stripe for Credits: {@link dev.credits.stripe.StripePaymentGateway}, a
 * {@link dev.credits.core.spi.PaymentGateway} on stripe-java (PaymentIntents, signed webhooks,
 * refunds, customer balances), its builder, the {@link dev.credits.stripe.StripeCustomers} mapping
 * and the Dagger {@link dev.credits.stripe.StripeModule}.
 */
package dev.credits.stripe;

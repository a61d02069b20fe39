package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.LatePaymentPolicy;
import dev.credits.core.model.OfferKind;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.EventPublisher;
import dev.credits.core.spi.PaymentGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What every part of the facade shares. Immutable apart from the one event follower set at construction. */
final class Context {
  private static final System.Logger LOG = System.getLogger("dev.credits.core");

  final CreditsStore store;
  final PaymentGateway gateway;
  final EventPublisher events;
  final Clock clock;
  final Duration paymentWindow;
  final Duration reservationWindow;
  final Map<String, Long> overdraftLimits;
  final Supplier<String> ids;
  final Duration processingLimit;
  final Map<OfferKind, LatePaymentPolicy> latePayments;
  private volatile Consumer<CreditsEvent> follower = event -> { };

  Context(CreditsStore store, PaymentGateway gateway, EventPublisher events, Clock clock, Duration paymentWindow,
      Duration reservationWindow, Map<String, Long> overdraftLimits, Supplier<String> ids, Duration processingLimit,
      Map<OfferKind, LatePaymentPolicy> latePayments) {
    this.store = store;
    this.gateway = gateway;
    this.events = events;
    this.clock = clock;
    this.paymentWindow = paymentWindow;
    this.reservationWindow = reservationWindow;
    this.overdraftLimits = Map.copyOf(overdraftLimits);
    this.ids = ids == null ? () -> UUID.randomUUID().toString() : ids;
    this.processingLimit = processingLimit;
    this.latePayments = Map.copyOf(latePayments);
  }

  /** The late-payment policy for non-ticket orders of an offer kind (GRANT unless configured). */
  LatePaymentPolicy latePayment(OfferKind kind) {
    return kind == null ? LatePaymentPolicy.GRANT : latePayments.getOrDefault(kind, LatePaymentPolicy.GRANT);
  }

  Instant now() {
    return clock.instant();
  }

  long overdraftLimit(String group) {
    return overdraftLimits.getOrDefault(group, 0L);
  }

  /** Sets the follower told of every published event after the publisher (the ticket module). */
  void follow(Consumer<CreditsEvent> next) {
    this.follower = next;
  }

  void publish(CreditsEvent event) {
    try {
      events.publish(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "event publisher failed on " + event.getClass().getSimpleName(), e);
    }
    try {
      follower.accept(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "event follower failed on " + event.getClass().getSimpleName(), e);
    }
  }
}

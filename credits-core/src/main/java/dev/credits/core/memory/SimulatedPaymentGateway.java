package dev.credits.core.memory;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Money;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.RefundResult;
import dev.credits.core.spi.PaymentGateway;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default gateway: the simulated customer pays the first time the application asks
 * where a payment stands ({@link #inspect}), for exactly the requested amount, unless the payment was
 * cancelled first; refunds succeed. For demos and local development; it takes no money. It has no
 * webhooks. For scripted declines, processing debits, disputes and duplicate events use the
 * testkit's fake gateway. Thread-safe.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {
  private enum State { OPEN, PAID, CANCELED }

  private final Map<String, PaymentIntent> byKey = new ConcurrentHashMap<>();
  private final Map<String, PaymentIntent> byReference = new ConcurrentHashMap<>();
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final Map<String, Integer> started = new ConcurrentHashMap<>();

  /** A simulated gateway with no payments yet. */
  public SimulatedPaymentGateway() {}

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public PaymentIntent createIntent(PaymentRequest request) {
    return byKey.computeIfAbsent(request.idempotencyKey(), k -> {
      int n = started.merge(request.orderId().value(), 1, Integer::sum);
      String reference = "sim_" + request.orderId().value() + (n == 1 ? "" : "_" + n);
      PaymentIntent intent = new PaymentIntent(request.orderId(), name(), reference, reference + "_secret",
          request.amount());
      byReference.put(reference, intent);
      states.put(reference, State.OPEN);
      return intent;
    });
  }

  @Override
  public PaymentStatus inspect(String reference) {
    PaymentIntent intent = byReference.get(reference);
    if (intent == null) {
      return new PaymentStatus.Unknown(reference, "no such simulated payment");
    }
    State state = states.compute(reference, (r, s) -> s == State.OPEN ? State.PAID : s);
    return state == State.CANCELED ? new PaymentStatus.Canceled(reference, "cancelled")
        : new PaymentStatus.Succeeded(reference, intent.amount());
  }

  @Override
  public PaymentStatus cancel(String reference) {
    PaymentIntent intent = byReference.get(reference);
    if (intent == null) {
      return new PaymentStatus.Unknown(reference, "no such simulated payment");
    }
    State state = states.compute(reference, (r, s) -> s == State.OPEN ? State.CANCELED : s);
    return state == State.PAID ? new PaymentStatus.Succeeded(reference, intent.amount())
        : new PaymentStatus.Canceled(reference, "cancelled");
  }

  @Override
  public Optional<PaymentIntent> reopen(String reference, PaymentRequest request) {
    return states.get(reference) == State.OPEN ? Optional.of(byReference.get(reference)) : Optional.empty();
  }

  @Override
  public PaymentEvent parseWebhook(String payload, Map<String, String> headers) {
    throw new InvalidRequestException("the simulated gateway sends no webhooks");
  }

  @Override
  public RefundResult refund(String reference, Money amount, String idempotencyKey) {
    return new RefundResult("sim_refund_" + idempotencyKey, amount, true);
  }
}

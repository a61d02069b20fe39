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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default gateway: every payment succeeds at once for exactly the requested amount,
 * and refunds succeed. For demos and local development; it takes no money. It has no webhooks.
 * For scripted declines, timeouts and duplicate events use the testkit's fake gateway.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {
  private final Map<String, PaymentIntent> byKey = new ConcurrentHashMap<>();
  private final Map<String, Money> byReference = new ConcurrentHashMap<>();

  /** Creates the gateway. */
  public SimulatedPaymentGateway() {}

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public PaymentIntent createIntent(PaymentRequest request) {
    return byKey.computeIfAbsent(request.idempotencyKey(), k -> {
      String reference = "sim_" + request.orderId().value();
      byReference.put(reference, request.amount());
      return new PaymentIntent(request.orderId(), name(), reference, reference + "_secret", request.amount());
    });
  }

  @Override
  public PaymentStatus inspect(String reference) {
    Money paid = byReference.get(reference);
    return paid == null ? new PaymentStatus.Unknown(reference, "no such simulated payment")
        : new PaymentStatus.Succeeded(reference, paid);
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

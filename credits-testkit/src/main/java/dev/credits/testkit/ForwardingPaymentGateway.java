package dev.credits.testkit;

import dev.credits.core.model.Money;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.RefundResult;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.PaymentGateway;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A gateway that forwards everything to another one; override a call to interleave or break it in tests. */
public class ForwardingPaymentGateway implements PaymentGateway {
  private final PaymentGateway delegate;

  /**
   * Forwards to {@code delegate}.
   *
   * @param delegate the real gateway
   */
  public ForwardingPaymentGateway(PaymentGateway delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public PaymentIntent createIntent(PaymentRequest request) {
    return delegate.createIntent(request);
  }

  @Override
  public PaymentStatus inspect(String reference) {
    return delegate.inspect(reference);
  }

  @Override
  public PaymentStatus cancel(String reference) {
    return delegate.cancel(reference);
  }

  @Override
  public Optional<PaymentIntent> reopen(String reference, PaymentRequest request) {
    return delegate.reopen(reference, request);
  }

  @Override
  public void checkAmount(Money amount) {
    delegate.checkAmount(amount);
  }

  @Override
  public PaymentEvent parseWebhook(String payload, Map<String, String> headers) {
    return delegate.parseWebhook(payload, headers);
  }

  @Override
  public RefundResult refund(String reference, Money amount, String idempotencyKey) {
    return delegate.refund(reference, amount, idempotencyKey);
  }

  @Override
  public Optional<Money> customerBalance(UserId userId) {
    return delegate.customerBalance(userId);
  }
}

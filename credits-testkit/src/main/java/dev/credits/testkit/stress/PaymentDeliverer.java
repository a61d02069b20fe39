package dev.credits.testkit.stress;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.NotFoundException;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentEvent;
import dev.credits.core.model.PaymentEventType;
import dev.credits.core.model.WebhookOutcome;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.stress.Bookkeeping.PaidOrder;
import java.util.concurrent.ThreadLocalRandom;

/** Delivers payment completions from the shared mailbox, whichever thread polls them. */
final class PaymentDeliverer {
  private final StressWorld world;

  PaymentDeliverer(StressWorld world) {
    this.world = world;
  }

  /** Delivers the next waiting completion, if any. */
  void deliverOne() {
    Delivery d = world.mailbox.poll();
    if (d != null) {
      deliver(d);
    }
  }

  void deliver(Delivery d) {
    world.books.count("deliveries");
    try {
      Order order = switch (d.kind()) {
        case CONFIRM -> world.credits.confirmPayment(d.order(), d.user());
        case EVENT -> world.credits.handlePaymentEvent(new PaymentEvent(d.eventId(),
            PaymentEventType.PAYMENT_SUCCEEDED, d.reference(), d.order(), d.amount(), world.clock.instant())).order();
        case WEBHOOK -> webhook(d);
        case FAILED_EVENT -> world.credits.handlePaymentEvent(new PaymentEvent(d.eventId(),
            PaymentEventType.PAYMENT_FAILED, d.reference(), d.order(), null, world.clock.instant())).order();
      };
      if (order != null && d.kind() != Delivery.Kind.FAILED_EVENT && order.status() == OrderStatus.PAID
          && world.books.seenPaid.add(order.id())) {
        world.books.count("orders seen paid");
        world.books.paidOrders.set(ThreadLocalRandom.current().nextInt(world.books.paidOrders.length()),
            new PaidOrder(order.id(), order.userId()));
      }
    } catch (InvalidRequestException | NotFoundException e) {
      world.books.count("rejected");
    }
  }

  private Order webhook(Delivery d) {
    FakePaymentGateway.Webhook w = world.gateway.webhook(d.eventId(), PaymentEventType.PAYMENT_SUCCEEDED, d.order(),
        d.amount(), world.clock.instant());
    WebhookOutcome outcome = world.credits.handleWebhook(w.payload(), w.headers());
    return outcome.order();
  }
}

package dev.credits.testkit.stress;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
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
            PaymentEventType.PAYMENT_FAILED, d.reference(), d.order(), null, world.clock.instant(), null,
            "card_declined")).order();
        case PAY -> pay(d);
        case RAW -> raw(d);
      };
      if (order != null && d.kind() != Delivery.Kind.FAILED_EVENT && order.status() == OrderStatus.PAID
          && world.books.seenPaid.add(order.id())) {
        world.books.count("orders seen paid");
        world.books.paidOrders.set(ThreadLocalRandom.current().nextInt(world.books.paidOrders.length()),
            new PaidOrder(order.id(), order.userId()));
      }
    } catch (InvalidRequestException | InvalidStateException | NotFoundException e) {
      world.books.count("rejected");
    }
  }

  /** The customer pays (or the debit settles); when the processor then holds the money, its completions follow. */
  private Order pay(Delivery d) {
    world.gateway.pay(d.order());
    world.books.count("customer payments");
    if (!(world.gateway.inspect(d.reference()) instanceof dev.credits.core.model.PaymentStatus.Succeeded)) {
      world.books.count("payments too late to pay"); // cancelled at the processor first
      return null;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      Delivery.Kind kind = Delivery.Kind.values()[random.nextInt(3)];
      String event = "evt_" + d.order().value() + (random.nextInt(5) == 0 ? "_b" : "_a");
      world.mailbox.add(new Delivery(kind, d.order(), d.user(), event, d.amount(), d.reference()));
    }
    return null;
  }

  /** A prepared notification; one the library asks to be sent again goes back into the mailbox. */
  private Order raw(Delivery d) {
    WebhookOutcome outcome = world.credits.handleWebhook(d.hook().payload(), d.hook().headers());
    if (outcome.shouldRedeliver()) {
      world.books.count("notifications redelivered");
      world.mailbox.add(d);
    }
    return outcome.order();
  }

  private Order webhook(Delivery d) {
    FakePaymentGateway.Webhook w = world.gateway.webhook(d.eventId(), PaymentEventType.PAYMENT_SUCCEEDED, d.order(),
        d.amount(), world.clock.instant());
    WebhookOutcome outcome = world.credits.handleWebhook(w.payload(), w.headers());
    return outcome.order();
  }
}

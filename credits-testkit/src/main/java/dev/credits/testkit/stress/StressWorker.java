package dev.credits.testkit.stress;

import dev.credits.core.ConflictException;
import dev.credits.core.PaymentGatewayException;
import dev.credits.core.CreditsException;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.InvalidStateException;
import dev.credits.core.NotFoundException;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.GroupCredits;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.HoldSettlement;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.UserId;
import dev.credits.testkit.FakePaymentGateway;
import dev.credits.testkit.stress.Bookkeeping.ConsumeRequest;
import dev.credits.testkit.stress.Bookkeeping.PaidOrder;
import dev.credits.testkit.stress.Bookkeeping.RefundRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One thread's seeded random mix of operations on the shared world. */
final class StressWorker implements Runnable {
  private final StressWorld world;
  private final Bookkeeping books;
  private final PaymentDeliverer deliverer;
  private final SplittableRandom random;
  private final int index;
  private final int ops;

  StressWorker(StressWorld world, int index, int ops, SplittableRandom random) {
    this.world = world;
    this.books = world.books;
    this.deliverer = new PaymentDeliverer(world);
    this.index = index;
    this.ops = ops;
    this.random = random;
  }

  @Override
  public void run() {
    for (int i = 0; i < ops; i++) {
      try {
        if (random.nextInt(10) < 3) {
          deliverer.deliverOne();
        }
        step(i);
      } catch (InvalidRequestException | InvalidStateException | NotFoundException e) {
        books.count("rejected");
      } catch (ConflictException e) {
        books.violation(Bookkeeping.UNEXPECTED, "conflict: " + e.getMessage());
      } catch (CreditsException | IllegalStateException | IllegalArgumentException e) {
        books.violation(Bookkeeping.UNEXPECTED, e.toString());
      }
    }
  }

  private void step(int i) {
    int dice = random.nextInt(1000);
    if (dice < 100) {
      purchase(i);
    } else if (dice < 500) {
      consume(i);
    } else if (dice < 680) {
      hold(i);
    } else if (dice < 720) {
      refund(i);
    } else if (dice < 770) {
      read();
    } else if (dice < 774) {
      world.clock.advance(Duration.ofMinutes(1 + random.nextInt(15)));
      books.count("clock jumps");
    } else if (dice < 778) {
      sweep();
    } else if (world.lifecycle && dice < 790) {
      dispute(i);
    } else if (world.lifecycle && dice < 800) {
      failRefund();
    } else {
      deliverer.deliverOne();
      deliverer.deliverOne();
    }
  }

  private UserId user() {
    return world.users.get(random.nextInt(world.users.size()));
  }

  private String group() {
    int g = random.nextInt(100);
    return g < 45 ? StressWorld.CHAT : g < 70 ? StressWorld.IMAGE : StressWorld.POSTPAID;
  }

  private String key(String kind, int i) {
    return kind + "-" + index + "-" + i;
  }

  private void purchase(int i) {
    Offer offer = world.offers.get(random.nextInt(world.offers.size()));
    UserId user = user();
    Order order = world.credits.createOrder(offer.id(), user, 1 + random.nextInt(3));
    books.created.add(order.id());
    books.count("orders created");
    int fate = random.nextInt(100);
    if (fate < 8) {
      books.count("orders abandoned");
      return;
    }
    if (fate < 12) {
      world.credits.cancelOrder(order.id(), user);
      books.count("orders cancelled");
      return;
    }
    PaymentIntent intent = world.credits.startPayment(order.id(), user);
    if (random.nextInt(4) == 0) {
      PaymentIntent again = world.credits.startPayment(order.id(), user);
      if (!again.reference().equals(intent.reference())) {
        books.violation(Bookkeeping.REPLAY, "startPayment of " + order.id() + " started a second payment");
      }
    }
    if (world.lifecycle) {
      story(order, user, intent);
      return;
    }
    List<Delivery> deliveries = new ArrayList<>();
    int n = 2 + random.nextInt(4);
    for (int d = 0; d < n; d++) {
      Delivery.Kind kind = Delivery.Kind.values()[random.nextInt(3)];
      String event = "evt_" + order.id().value() + (random.nextInt(5) == 0 ? "_b" : "_a");
      deliveries.add(new Delivery(kind, order.id(), user, event, order.total(), intent.reference()));
    }
    if (random.nextInt(100) < 2) {
      deliveries.add(new Delivery(Delivery.Kind.FAILED_EVENT, order.id(), user, "evt_" + order.id().value() + "_f",
          order.total(), intent.reference()));
    }
    for (int d = deliveries.size() - 1; d > 0; d--) {
      int j = random.nextInt(d + 1);
      deliveries.set(d, deliveries.set(j, deliveries.get(d)));
    }
    if (random.nextBoolean()) {
      deliverer.deliver(deliveries.remove(0));
    }
    world.mailbox.addAll(deliveries);
  }

  /**
   * Lifecycle mode: what the processor and the customer do with a started payment. The completions
   * follow the customer's payment ({@link Delivery.Kind#PAY}), so the library is only told of money
   * the processor holds.
   */
  private void story(Order order, UserId user, PaymentIntent intent) {
    List<Delivery> later = new ArrayList<>();
    Delivery pay = new Delivery(Delivery.Kind.PAY, order.id(), user, null, order.total(), intent.reference());
    int story = random.nextInt(100);
    if (story < 15) {
      world.gateway.declineAttempt(order.id(), "card_declined");
      later.add(new Delivery(Delivery.Kind.FAILED_EVENT, order.id(), user, "evt_" + order.id().value() + "_f",
          order.total(), intent.reference()));
      if (random.nextInt(4) != 0) {
        later.add(pay); // the retry with another card
      }
      books.count("stories: declined first");
    } else if (story < 25) {
      world.gateway.startProcessing(order.id());
      later.add(pay); // the debit settles later, maybe after the window
      books.count("stories: processing debit");
    } else if (story < 30) {
      world.gateway.payDuringCancel(order.id());
      try {
        world.credits.cancelOrder(order.id(), user);
        books.violation(Bookkeeping.UNEXPECTED, "cancel of " + order.id() + " succeeded after the customer paid");
      } catch (InvalidStateException e) {
        books.count("stories: cancel lost to the payment");
      }
      later.add(pay);
    } else if (story < 36) {
      world.credits.cancelOrder(order.id(), user);
      world.gateway.collectAnyway(order.id());
      later.add(pay);
      books.count("stories: late money");
    } else {
      later.add(pay);
      books.count("stories: plain");
    }
    for (int d = later.size() - 1; d > 0; d--) {
      int j = random.nextInt(d + 1);
      later.set(d, later.set(j, later.get(d)));
    }
    world.mailbox.addAll(later);
  }

  /** Lifecycle mode: a customer disputes a paid order; the bank decides; both notifications in either order. */
  private void dispute(int i) {
    PaidOrder paid = books.paidOrders.get(random.nextInt(books.paidOrders.length()));
    if (paid == null) {
      return;
    }
    String id = "dp_" + index + "_" + i;
    FakePaymentGateway.Webhook opened = world.gateway.openDispute(paid.order(), id);
    if (opened == null) {
      return; // nothing left to dispute, or a dispute is open already
    }
    boolean won = random.nextBoolean();
    FakePaymentGateway.Webhook closed = world.gateway.closeDispute(paid.order(), id, won);
    Delivery first = new Delivery(Delivery.Kind.RAW, paid.order(), paid.user(), null, null, null, opened);
    Delivery second = new Delivery(Delivery.Kind.RAW, paid.order(), paid.user(), null, null, null, closed);
    boolean reversed = random.nextInt(4) == 0;
    world.mailbox.add(reversed ? second : first);
    world.mailbox.add(reversed ? first : second);
    books.count(won ? "disputes won" : "disputes lost");
  }

  /** Lifecycle mode: a refund that succeeded fails at the processor later. */
  private void failRefund() {
    RefundRequest request = books.recentRefunds.get(random.nextInt(books.recentRefunds.length()));
    if (request == null || !books.refunds.containsKey(request.key()) || !books.failedRefunds.add(request.key())) {
      return;
    }
    Order order = world.credits.getOrder(request.order(), request.user());
    String refundId = order.refunds().stream().filter(r -> request.key().equals(r.idempotencyKey()))
        .map(dev.credits.core.model.Refund::id).findFirst().orElse(null);
    if (refundId == null) {
      books.violation(Bookkeeping.REFUNDS, "refund " + request.key() + " succeeded but " + order.id()
          + " does not record it");
      return;
    }
    world.mailbox.add(new Delivery(Delivery.Kind.RAW, order.id(), request.user(), null, null, null,
        world.gateway.failRefund(order.id(), refundId)));
    books.count("refunds failed later");
  }

  private void consume(int i) {
    ConsumeRequest request;
    int how = random.nextInt(100);
    if (how < 15 && (request = books.recentConsumes.get(random.nextInt(books.recentConsumes.length()))) != null) {
      books.count("consumption replays");
    } else {
      String key = how < 55 ? null : key("c", i);
      request = new ConsumeRequest(user(), group(), 1 + random.nextInt(25), key);
      if (key != null) {
        books.recentConsumes.set(random.nextInt(books.recentConsumes.length()), request);
      }
    }
    Consumption result = world.credits.tokensConsumed(request.user(), request.group(), request.count(), request.key());
    if (result instanceof Consumption.Spent) {
      books.count("consumptions spent");
      world.checkBalance("a consumption", request.user(), request.group(), result.balance());
      books.spent(request, (Consumption.Spent) result);
    } else {
      books.count("consumptions insufficient");
    }
  }

  private void hold(int i) {
    UserId user = user();
    String group = group();
    String key = random.nextInt(10) < 7 ? key("h", i) : null;
    long amount = 1 + random.nextInt(30);
    Duration ttl = Duration.ofMinutes(5 + random.nextInt(55));
    HoldResult result = world.credits.holdTokens(user, group, amount, ttl, key);
    if (!(result instanceof HoldResult.Held)) {
      books.count("holds insufficient");
      return;
    }
    books.count("holds placed");
    HoldResult.Held held = (HoldResult.Held) result;
    world.checkBalance("a hold", user, group, held.balance());
    HoldId id = held.hold().id();
    if (key != null && random.nextInt(7) == 0) {
      replayHold(user, group, amount, ttl, held);
    }
    int fate = random.nextInt(100);
    if (fate < 20) {
      books.count("holds left to expire");
      return;
    }
    String settleKey = key == null ? null : key + "-settle";
    boolean capture = fate < 65;
    long spend = capture ? random.nextInt((int) amount + 1) : 0;
    HoldSettlement s = capture ? world.credits.captureHold(user, group, id, spend, settleKey)
        : world.credits.releaseHold(user, group, id, settleKey);
    books.count(capture ? "holds captured" : "holds released");
    world.checkBalance("a hold settlement", user, group, s.balance());
    if (settleKey != null && random.nextInt(4) == 0) {
      HoldSettlement again = capture ? world.credits.captureHold(user, group, id, spend, settleKey)
          : world.credits.releaseHold(user, group, id, settleKey);
      if (again.ledgerSeq() != s.ledgerSeq() || again.spent() != s.spent()) {
        books.violation(Bookkeeping.REPLAY, "settlement key " + settleKey + " answered " + again + " after " + s);
      }
    }
  }

  private void replayHold(UserId user, String group, long amount, Duration ttl, HoldResult.Held held) {
    String key = held.hold().id().value().substring("hold_".length());
    try {
      HoldResult again = world.credits.holdTokens(user, group, amount, ttl, key);
      if (!(again instanceof HoldResult.Held) || !((HoldResult.Held) again).hold().equals(held.hold())) {
        books.violation(Bookkeeping.REPLAY, "hold key " + key + " answered " + again + " after " + held);
      }
    } catch (ConflictException e) {
      if (held.hold().expiresAt().isAfter(world.clock.instant())) {
        books.violation(Bookkeeping.REPLAY, "hold key " + key + " replayed while the hold is active: " + e.getMessage());
      } else {
        books.count("rejected"); // expired (a clock jump) and settled meanwhile: the key now names a closed hold
      }
    }
  }

  private void refund(int i) {
    RefundRequest request = null;
    if (random.nextInt(5) == 0) {
      request = books.recentRefunds.get(random.nextInt(books.recentRefunds.length()));
    }
    if (request == null) {
      PaidOrder paid = books.paidOrders.get(random.nextInt(books.paidOrders.length()));
      if (paid == null) {
        return;
      }
      Order order = world.credits.getOrder(paid.order(), paid.user());
      long left = order.total().minor() - order.refunded().minor();
      if (order.status() != OrderStatus.PAID || left <= 0) {
        return;
      }
      long amount = random.nextInt(5) < 2 ? left : 1 + random.nextLong(left);
      request = new RefundRequest(paid.order(), paid.user(), new Money(amount, order.total().currency()), key("r", i));
      books.recentRefunds.set(random.nextInt(books.recentRefunds.length()), request);
    } else {
      books.count("refund replays");
    }
    Order after;
    try {
      after = world.credits.refundOrder(request.order(), request.amount(), request.key());
    } catch (ConflictException e) {
      books.count("refunds busy"); // another refund of the order is in progress
      return;
    } catch (PaymentGatewayException e) {
      books.count("refunds refused by the processor"); // a racing refund took what was left
      return;
    }
    books.count("refunds");
    RefundRequest first = books.refunds.putIfAbsent(request.key(), request);
    if (first != null && !first.equals(request)) {
      books.violation(Bookkeeping.UNEXPECTED, "refund key " + request.key() + " reused for another request");
    }
    if (!after.hasRefund(request.key())) {
      books.violation(Bookkeeping.REFUNDS, "refund " + request.key() + " of " + request.amount() + " on "
          + request.order() + " succeeded but the order does not record it: " + after.refunds());
    }
  }

  private void read() {
    UserId user = user();
    for (GroupCredits g : world.credits.getUserCredits(user).groups().values()) {
      world.checkBalance("a credits view", user, g.offerGroup(), g.balance());
    }
    books.count("reads");
  }

  private void sweep() {
    if (random.nextBoolean()) {
      world.credits.sweep(200);
    } else {
      world.credits.sweeper("instance-" + index, 200).runOnce(Duration.ofMinutes(1));
    }
    books.count("sweeps");
  }
}

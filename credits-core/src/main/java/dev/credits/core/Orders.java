package dev.credits.core;

import dev.credits.core.event.CreditsEvent;
import dev.credits.core.internal.Checks;
import dev.credits.core.model.BundleItem;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.GrantPlan;
import dev.credits.core.model.Limits;
import dev.credits.core.model.Money;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.OfferKind;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.PaymentInfo;
import dev.credits.core.model.PaymentIntent;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.PaymentStatus;
import dev.credits.core.model.StatusChange;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.OrderStore;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import dev.credits.core.ticket.Tickets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Orders: creation, the status machine, payment completion (exactly once) and granting. */
final class Orders {
  private static final System.Logger LOG = System.getLogger("dev.credits.core.orders");
  private static final int CAS_ATTEMPTS = 64;

  private final Context ctx;
  private final Catalog catalog;
  private final LatePayments late;
  private final Closings closings;

  Orders(Context ctx, Catalog catalog) {
    this.ctx = ctx;
    this.catalog = catalog;
    this.late = new LatePayments(ctx, this);
    this.closings = new Closings(ctx, this);
  }

  Order create(OfferId offerId, UserId userId, long quantity, Currency currency, String idempotencyKey) {
    Checks.present(userId, "userId");
    Checks.positive(quantity, "quantity");
    OrderId id = idempotencyKey == null ? OrderId.of("ord_" + ctx.ids.get()) : keyedId(userId, idempotencyKey);
    if (idempotencyKey != null) {
      Optional<Order> earlier = ctx.store.orders().find(id);
      if (earlier.isPresent()) {
        return replay(earlier.get(), offerId, quantity, currency);
      }
    }
    Offer offer = catalog.find(offerId);
    if (quantity > offer.quantityLimit()) {
      throw new InvalidRequestException("quantity " + quantity + " exceeds the limit " + offer.quantityLimit()
          + " of offer " + offerId);
    }
    Currency cur = currency == null ? offer.price().currency() : currency;
    Money unit = offer.priceIn(cur).orElseThrow(() ->
        new InvalidRequestException("offer " + offerId + " has no price in " + cur + "; it is sold in "
            + offer.prices().keySet()));
    Money total = unit.times(quantity);
    if (!total.isZero()) {
      ctx.gateway.checkAmount(total); // what the processor cannot collect is refused before anything is written
    }
    catalog.checkOrderable(offer, userId);
    List<GrantPlan> plan = plan(offer, quantity);
    Instant now = ctx.now();
    for (GrantPlan p : plan) {
      p.cycle().end(now, p.periods()); // a period beyond the calendar fails now, not after the buyer paid
    }
    Order order = Order.pending(id, userId, offerId, quantity, total, plan, now, now.plus(ctx.paymentWindow));
    try {
      ctx.store.orders().insert(order);
    } catch (ConflictException e) {
      if (idempotencyKey == null) {
        throw e;
      }
      return replay(find(id), offerId, quantity, currency); // a concurrent call with the same key won
    }
    ctx.publish(new CreditsEvent.OrderCreated(order, now));
    if (total.isZero()) {
      return complete(order, new PaymentStatus.Succeeded("free_" + order.id(), total), "free");
    }
    return order;
  }

  /** The order id a user's idempotency key always maps to (a name-based UUID: no key text in ids). */
  private static OrderId keyedId(UserId userId, String idempotencyKey) {
    Checks.requiredKey(idempotencyKey, "idempotencyKey");
    byte[] name = (userId.value() + "\u0000" + idempotencyKey).getBytes(StandardCharsets.UTF_8);
    return OrderId.of("ord_" + UUID.nameUUIDFromBytes(name));
  }

  /** The order an earlier call with the same key created, if it asked for the same thing. */
  private Order replay(Order earlier, OfferId offerId, long quantity, Currency currency) {
    boolean same = earlier.offerId().equals(offerId) && earlier.quantity() == quantity
        && (currency == null || earlier.total().currency().equals(currency));
    if (!same) {
      throw new ConflictException("idempotency key already used for order " + earlier.id() + " of "
          + earlier.quantity() + " x " + earlier.offerId());
    }
    return ensureGranted(earlier);
  }

  private List<GrantPlan> plan(Offer offer, long quantity) {
    List<GrantPlan> plan = new ArrayList<>();
    boolean subscription = offer.kind() == OfferKind.SUBSCRIPTION;
    long periods = subscription ? quantity : 1;
    if (offer.tokenCount() > 0 || !offer.isBundle() || subscription) {
      plan.add(new GrantPlan(offer.offerGroup(), offer.id(), subscription,
          Checks.times(offer.tokenCount(), quantity, "tokens"), offer.cycle(), periods, offer.appendDate()));
    }
    for (BundleItem item : offer.items()) {
      Offer part = catalog.find(item.offerId());
      boolean sub = part.kind() == OfferKind.SUBSCRIPTION;
      long tokens = Checks.times(Checks.times(part.tokenCount(), item.quantity(), "tokens"), quantity, "tokens");
      Cycle cycle = item.cycle() != null ? item.cycle() : part.cycle();
      plan.add(new GrantPlan(item.offerGroup(), part.id(), sub, tokens, cycle, sub ? quantity : 1,
          offer.appendDate() || part.appendDate()));
    }
    return plan;
  }

  Order owned(OrderId orderId, UserId userId) {
    Checks.present(userId, "userId");
    Order order = find(orderId);
    if (!order.userId().equals(userId)) {
      throw new NotAuthorizedException("order " + orderId + " does not belong to user " + userId);
    }
    return order;
  }

  Order find(OrderId orderId) {
    Checks.present(orderId, "orderId");
    return ctx.store.orders().find(orderId).orElseThrow(() -> new NotFoundException("no order " + orderId));
  }

  PaymentIntent startPayment(OrderId orderId, UserId userId) {
    return startPayment(orderId, userId, false);
  }

  /**
   * Starts a payment, or returns the order's open one however long ago it was created. A ticket
   * order only through the ticket module ({@code ticketModule}), which first pins the ticket to the
   * order so that a late payment can never sell it twice.
   */
  PaymentIntent startPayment(OrderId orderId, UserId userId, boolean ticketModule) {
    Order order = owned(orderId, userId);
    if (!ticketModule && Tickets.ticketOf(order).isPresent()) {
      throw new InvalidRequestException("order " + orderId + " reserves a ticket; pay it with tickets().pay");
    }
    requirePending(order, "paid");
    if (!order.paymentDeadline().isAfter(ctx.now())) {
      Order after = expire(order);
      requirePending(after, "paid");
      throw new InvalidStateException("order " + orderId + "'s window passed, but its payment "
          + after.payment().reference() + " is still processing or the processor did not confirm its cancel;"
          + " the order is not payable again");
    }
    int replaced = 0;
    if (order.payment() != null) {
      PaymentRequest earlier = request(order, paymentsReplaced(order));
      Optional<PaymentIntent> open = ctx.gateway.reopen(order.payment().reference(), earlier);
      if (open.isPresent()) {
        return open.get();
      }
      // Closed at the processor: learn how, so a success or a processing debit is never replaced.
      PaymentStatus status = ctx.gateway.inspect(order.payment().reference());
      if (status instanceof PaymentStatus.Unknown) {
        throw new PaymentGatewayException("could not learn where payment " + order.payment().reference()
            + " of order " + orderId + " stands: " + ((PaymentStatus.Unknown) status).reason() + "; retry");
      }
      if (status instanceof PaymentStatus.Succeeded || status instanceof PaymentStatus.Pending) {
        Order after = complete(order, status, order.payment().processor());
        throw new InvalidStateException("order " + orderId + " is " + after.status() + "; its payment "
            + status.reference() + " is " + (status instanceof PaymentStatus.Pending ? "processing" : "paid"));
      }
      replaced = paymentsReplaced(order) + 1;
      if (replaced + 1 > Limits.MAX_PAYMENTS_PER_ORDER) {
        throw new InvalidRequestException("order " + orderId + " has started " + replaced + " payments, the most one"
            + " order may (Limits.MAX_PAYMENTS_PER_ORDER); create a new order");
      }
    }
    PaymentIntent intent = ctx.gateway.createIntent(request(order, replaced));
    Instant now = ctx.now();
    Order after = update(orderId, o -> {
      if (o.payment() != null && o.payment().reference().equals(intent.reference())) {
        return o;
      }
      if (o.payment() == null) { // recorded even when the order closed meanwhile, so its money is never unseen
        return o.withPayment(new PaymentInfo(ctx.gateway.name(), intent.reference(), null), now);
      }
      return o.status() != OrderStatus.PENDING ? o
          : o.withPayment(new PaymentInfo(ctx.gateway.name(), intent.reference(), null), now)
              .note(now, REPLACED + o.payment().reference() + " closed at the processor; now " + intent.reference());
    }).order();
    if (after.status() != OrderStatus.PENDING) {
      // Closed while the payment was being created: close the payment too, and never hand it out.
      PaymentStatus closed = ctx.gateway.cancel(intent.reference());
      if (closed instanceof PaymentStatus.Succeeded) {
        complete(after, closed, ctx.gateway.name());
      }
      throw new InvalidStateException("order " + orderId + " is " + after.status() + "; only a PENDING order can be"
          + " paid");
    }
    return intent;
  }

  /** The start of the history note that records a payment closed at the processor and replaced. */
  static final String REPLACED = "payment replaced: ";

  private static int paymentsReplaced(Order order) {
    return countNotes(order, REPLACED);
  }

  private static int countNotes(Order order, String prefix) {
    int n = 0;
    for (StatusChange c : order.history()) {
      if (c.reason().startsWith(prefix)) {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code reference} is a payment this order started (its current one or one it replaced). */
  static boolean startedPayment(Order order, String reference) {
    if (order.payment() == null || reference == null || order.payment().reference().equals(reference)) {
      return true;
    }
    for (StatusChange c : order.history()) {
      if (c.reason().startsWith(REPLACED + reference + " closed at the processor")) {
        return true;
      }
    }
    return false;
  }

  /** The n-th payment request of an order: each replacement gets its own processor idempotency key. */
  private static PaymentRequest request(Order order, int replaced) {
    String key = "credits-order-" + order.id() + (replaced == 0 ? "" : "-" + (replaced + 1));
    return new PaymentRequest(order.id(), order.userId(), order.total(), key,
        "order " + order.id() + ": " + order.quantity() + " x " + order.offerId());
  }

  private static void requirePending(Order order, String what) {
    if (order.status() != OrderStatus.PENDING) {
      throw new InvalidStateException("order " + order.id() + " is " + order.status() + "; only a PENDING order can be "
          + what);
    }
  }

  Order confirm(OrderId orderId, UserId userId) {
    Order order = owned(orderId, userId);
    if (order.status() == OrderStatus.PENDING) {
      if (order.payment() == null) {
        throw new InvalidStateException("no payment was started for order " + orderId);
      }
      PaymentStatus status = ctx.gateway.inspect(order.payment().reference());
      return complete(order, status, order.payment().processor());
    }
    if (order.status().isClosedUnpaid() && order.payment() != null && !order.hasRefund(LatePayments.KEY
        + order.payment().reference())) {
      // Closed, but the processor may have collected anyway: late money is never left unseen.
      PaymentStatus status = ctx.gateway.inspect(order.payment().reference());
      return status instanceof PaymentStatus.Succeeded ? complete(order, status, order.payment().processor()) : order;
    }
    return ensureGranted(order);
  }

  /** Cancels a pending order for its buyer, closing its payment at the processor first (see {@link Closings}). */
  Order cancel(OrderId orderId, UserId userId) {
    return closings.cancel(orderId, userId);
  }

  /** The start of the history note of a failed payment attempt. */
  static final String ATTEMPT_FAILED = "payment attempt failed: ";

  /**
   * Applies what the processor says. Exactly once: the status move is a compare-and-set, granting is
   * idempotent per grant and the "granted" mark is a compare-and-set whose winner publishes OrderPaid.
   * A decline is an attempt (recorded, published once); a success for a closed order is late money.
   *
   * @param known the order as the caller read it: the first compare-and-set is tried at its version
   *     (no second read); a lost race re-reads
   */
  Order complete(Order known, PaymentStatus status, String processor) {
    if (status instanceof PaymentStatus.Declined) {
      return recordAttempt(known, (PaymentStatus.Declined) status);
    }
    if (status instanceof PaymentStatus.Succeeded && known.status().isClosedUnpaid()) {
      return late.handle(known, (PaymentStatus.Succeeded) status, processor);
    }
    Instant now = ctx.now();
    Updated updated = update(known, o -> {
      if (o.status() != OrderStatus.PENDING) {
        return o;
      }
      if (status instanceof PaymentStatus.Succeeded) {
        Money paid = ((PaymentStatus.Succeeded) status).amount();
        Order withInfo = o.withPayment(new PaymentInfo(processor, status.reference(), paid), now);
        if (!paid.equals(o.total())) {
          return withInfo.moveTo(OrderStatus.INCONSISTENT, now, "processor reported " + paid + ", order total is "
              + o.total());
        }
        return withInfo.moveTo(OrderStatus.PAID, now, "paid via " + processor);
      }
      if (status instanceof PaymentStatus.Canceled) {
        return o.moveTo(OrderStatus.CANCELLED, now, ((PaymentStatus.Canceled) status).reason());
      }
      return o; // Pending or Unknown: nothing learned, nothing changes
    });
    Order after = updated.order();
    if (status instanceof PaymentStatus.Succeeded && after.status().isClosedUnpaid()) {
      return late.handle(after, (PaymentStatus.Succeeded) status, processor); // closed meanwhile
    }
    if (updated.changed() && after.status() != OrderStatus.PAID) {
      ctx.publish(new CreditsEvent.OrderClosed(after, now));
    }
    return ensureGranted(after);
  }

  /** A declined attempt: noted in the history (once per distinct attempt) and published; the order stays payable. */
  private Order recordAttempt(Order known, PaymentStatus.Declined declined) {
    Instant now = ctx.now();
    String note = ATTEMPT_FAILED + declined.reference() + ": " + declined.reason();
    Updated updated = update(known, o -> o.status() != OrderStatus.PENDING || lastNoteIs(o, note)
        || countNotes(o, ATTEMPT_FAILED) >= Limits.MAX_RECORDED_ATTEMPTS ? o : o.note(now, note));
    if (updated.changed()) {
      ctx.publish(new CreditsEvent.PaymentAttemptFailed(updated.order(), declined.reference(), declined.reason(), now));
    }
    return updated.order();
  }

  private static boolean lastNoteIs(Order order, String note) {
    return order.history().get(order.history().size() - 1).reason().equals(note);
  }

  /**
   * Grants a paid order's plan (idempotent per grant) and marks it granted; safe to repeat from anywhere.
   * The mark is first tried at the version of {@code order} (the caller's read, or its own write), and
   * only a lost race re-reads.
   */
  Order ensureGranted(Order order) {
    if (order.status() != OrderStatus.PAID || order.granted()) {
      return order;
    }
    Instant now = ctx.now();
    List<GrantPlan> plan = order.plan();
    for (int i = 0; i < plan.size(); i++) {
      GrantPlan p = plan.get(i);
      String grantId = order.id().value() + "#" + i;
      ctx.store.wallets().execute(new WalletCommand.AddGrant(new WalletKey(order.userId(), p.offerGroup()), grantId,
          p.offerId(), order.id(), p.subscription(), p.tokens(), p.cycle(), p.periods(), p.appendDate(), null,
          grantId), now);
    }
    Updated marked = update(order, o -> o.granted() || o.status() != OrderStatus.PAID ? o : o.markGranted(now));
    if (marked.changed()) {
      ctx.publish(new CreditsEvent.OrderPaid(marked.order(), now));
    }
    return marked.order();
  }

  /** Expires a pending order whose window passed (closing its payment first); no-op otherwise. */
  Order expire(Order order) {
    return closings.expireOnce(order).order();
  }

  /** As {@link #expire}, telling whether this call is the one that closed it (and published it). */
  Closings.Closing expireOnce(Order order) {
    return closings.expireOnce(order);
  }

  /**
   * Applies a change with compare-and-set, re-reading on a lost race. The function returns its input
   * unchanged to mean "nothing to do".
   */
  Updated update(OrderId id, UnaryOperator<Order> change) {
    return update(find(id), change);
  }

  /**
   * Like {@link #update(OrderId, UnaryOperator)}, starting from an order the caller has just read:
   * the first compare-and-set is at its version, so the happy path costs no second read. Deciding
   * "nothing to do" on that read is as good as deciding it on a fresh one: the outcome is the one the
   * order had when it was read, and a state the function would change is never taken as final
   * without a successful compare-and-set.
   */
  Updated update(Order known, UnaryOperator<Order> change) {
    OrderStore store = ctx.store.orders();
    OrderId id = known.id();
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      Order current = attempt == 0 ? known : find(id);
      Order next = change.apply(current);
      if (next == current) {
        return new Updated(current, false);
      }
      next = next.withVersion(current.version() + 1);
      if (store.replace(next)) {
        return new Updated(next, true);
      }
    }
    throw new ConflictException("order " + id + " keeps changing; try again");
  }

  /** The order after an update, and whether this call changed it (the caller that did publishes). */
  record Updated(Order order, boolean changed) {}

  List<Order> byUser(UserId userId) {
    Checks.present(userId, "userId");
    return ctx.store.orders().findByUser(userId);
  }
}

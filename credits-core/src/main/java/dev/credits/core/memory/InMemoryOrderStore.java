package dev.credits.core.memory;

import dev.credits.core.ConflictException;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.OrderStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Orders in concurrent maps; compare-and-set through {@link Map#compute}. */
final class InMemoryOrderStore implements OrderStore {
  private final Map<OrderId, Order> orders = new ConcurrentHashMap<>();
  private final Map<UserId, Set<OrderId>> byUser = new ConcurrentHashMap<>();
  private final Map<String, OrderId> byReference = new ConcurrentHashMap<>();
  private final Set<OrderId> open = ConcurrentHashMap.newKeySet();

  @Override
  public void insert(Order order) {
    if (orders.putIfAbsent(order.id(), order) != null) {
      throw new ConflictException("order " + order.id() + " already exists");
    }
    byUser.computeIfAbsent(order.userId(), u -> ConcurrentHashMap.newKeySet()).add(order.id());
    index(order);
  }

  @Override
  public Optional<Order> find(OrderId id) {
    return Optional.ofNullable(orders.get(id));
  }

  @Override
  public boolean replace(Order next) {
    boolean[] done = {false};
    orders.computeIfPresent(next.id(), (id, current) -> {
      if (current.version() != next.version() - 1) {
        return current;
      }
      done[0] = true;
      return next;
    });
    if (done[0]) {
      index(next);
    }
    return done[0];
  }

  private void index(Order order) {
    if (order.payment() != null) {
      byReference.putIfAbsent(order.payment().reference(), order.id());
    }
    boolean due = order.status() == OrderStatus.PENDING || (order.status() == OrderStatus.PAID && !order.granted());
    if (due) {
      open.add(order.id());
    } else {
      open.remove(order.id());
    }
  }

  @Override
  public List<Order> findByUser(UserId userId) {
    List<Order> out = new ArrayList<>();
    for (OrderId id : byUser.getOrDefault(userId, Set.of())) {
      out.add(orders.get(id));
    }
    out.sort(Comparator.comparing(Order::createdAt).reversed().thenComparing(o -> o.id().value()));
    return out;
  }

  @Override
  public Optional<Order> findByPaymentReference(String reference) {
    OrderId id = byReference.get(reference);
    return id == null ? Optional.empty() : find(id);
  }

  @Override
  public List<Order> findDue(Instant now, int limit) {
    List<Order> out = new ArrayList<>();
    for (OrderId id : open) {
      Order o = orders.get(id);
      boolean expired = o.status() == OrderStatus.PENDING && !o.paymentDeadline().isAfter(now);
      boolean ungranted = o.status() == OrderStatus.PAID && !o.granted();
      if (expired || ungranted) {
        out.add(o);
        if (out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }
}

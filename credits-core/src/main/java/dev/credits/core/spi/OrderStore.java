package dev.credits.core.spi;

import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores orders with optimistic concurrency on {@link Order#version()}. Thread-safe. */
public interface OrderStore {
  /**
   * Inserts a new order.
   *
   * @param order the order, version 0
   * @throws dev.credits.core.ConflictException when an order with that id exists
   */
  void insert(Order order);

  /**
   * Reads an order.
   *
   * @param id the id
   * @return it, or empty
   */
  Optional<Order> find(OrderId id);

  /**
   * Replaces an order if and only if the stored version is {@code next.version() - 1}
   * (compare-and-set; atomic per order).
   *
   * @param next the new state
   * @return true when replaced, false when someone else changed it first (re-read and decide)
   */
  boolean replace(Order next);

  /**
   * Reads a user's orders, newest first.
   *
   * @param userId the user
   * @return the orders
   */
  List<Order> findByUser(UserId userId);

  /**
   * Finds the order paid through a processor payment.
   *
   * @param reference the processor's payment id
   * @return the order, or empty
   */
  Optional<Order> findByPaymentReference(String reference);

  /**
   * Finds orders with work due: pending orders whose payment deadline is at or before {@code now},
   * and paid orders not yet marked granted.
   *
   * @param now the instant
   * @param limit at most this many
   * @return the orders
   */
  List<Order> findDue(Instant now, int limit);
}

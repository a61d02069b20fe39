package dev.credits.core.model;

import static dev.credits.core.model.OrderStatus.CANCELLED;
import static dev.credits.core.model.OrderStatus.ERROR;
import static dev.credits.core.model.OrderStatus.EXPIRED;
import static dev.credits.core.model.OrderStatus.INCONSISTENT;
import static dev.credits.core.model.OrderStatus.PAID;
import static dev.credits.core.model.OrderStatus.PENDING;
import static dev.credits.core.model.OrderStatus.REFUNDED;
import static dev.credits.core.model.OrderStatus.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("OrderStatus transition table")
class OrderStatusTest {
  /** The table from the design, written out independently of the code under test. */
  static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
      PENDING, EnumSet.of(PAID, REFUSED, ERROR, CANCELLED, EXPIRED, INCONSISTENT),
      PAID, EnumSet.of(REFUNDED),
      REFUNDED, EnumSet.of(PAID),
      REFUSED, EnumSet.of(PAID, INCONSISTENT),
      ERROR, EnumSet.of(PAID, INCONSISTENT),
      CANCELLED, EnumSet.of(PAID, INCONSISTENT),
      EXPIRED, EnumSet.of(PAID, INCONSISTENT));

  static boolean allowed(OrderStatus from, OrderStatus to) {
    return ALLOWED.getOrDefault(from, Set.of()).contains(to);
  }

  static Stream<Arguments> allowedPairs() {
    return pairs(true);
  }

  static Stream<Arguments> rejectedPairs() {
    return pairs(false);
  }

  private static Stream<Arguments> pairs(boolean wanted) {
    List<Arguments> out = new ArrayList<>();
    for (OrderStatus from : OrderStatus.values()) {
      for (OrderStatus to : OrderStatus.values()) {
        if (allowed(from, to) == wanted) {
          out.add(Arguments.of(from, to));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("allowedPairs")
  @DisplayName("every move in the table is allowed")
  void allowedMoves(OrderStatus from, OrderStatus to) {
    assertThat(from.canMoveTo(to)).isTrue();
    assertThat(from.successors()).contains(to);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("rejectedPairs")
  @DisplayName("every move outside the table is rejected")
  void rejectedMoves(OrderStatus from, OrderStatus to) {
    assertThat(from.canMoveTo(to)).isFalse();
    assertThat(from.successors()).doesNotContain(to);
  }

  @Test
  @DisplayName("the table covers 16 allowed and 48 rejected moves")
  void counts() {
    assertThat(allowedPairs().count()).isEqualTo(16);
    assertThat(rejectedPairs().count()).isEqualTo(48);
  }

  @Test
  @DisplayName("only INCONSISTENT is final; the closed unpaid statuses can still take late money")
  void finalStatuses() {
    for (OrderStatus s : OrderStatus.values()) {
      assertThat(s.isFinal()).as(s.name()).isEqualTo(s == INCONSISTENT);
      assertThat(s.isClosedUnpaid()).as(s.name()).isEqualTo(s == REFUSED || s == ERROR || s == CANCELLED || s == EXPIRED);
    }
  }

  @Test
  @DisplayName("successors cannot be used to change the table")
  void successorsAreCopies() {
    PENDING.successors().clear();

    assertThat(PENDING.canMoveTo(PAID)).isTrue();
  }
}

package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Wallets.ALICE;
import static dev.credits.testkit.contract.Wallets.BOB;
import static dev.credits.testkit.contract.Wallets.CHAT;
import static dev.credits.testkit.contract.Wallets.IMAGES;
import static dev.credits.testkit.contract.Wallets.assertLedgerMatchesBalance;
import static dev.credits.testkit.contract.Wallets.balance;
import static dev.credits.testkit.contract.Wallets.held;
import static dev.credits.testkit.contract.Wallets.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.credits.core.ConflictException;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Grant;
import dev.credits.core.model.Hold;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.Money;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on the ledger: append-only history that sums to the balance. */
public abstract class LedgerContract extends ContractSection {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  /** Creates the section. */
  protected LedgerContract() {}

  /** Checks the invariants, that {@code added} entries were appended, and that older entries did not change. */
  private List<LedgerEntry> step(List<LedgerEntry> before, int added) {
    List<LedgerEntry> after = assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertThat(after).hasSize(before.size() + added);
    assertThat(after.subList(0, before.size())).as("earlier entries are never rewritten").isEqualTo(before);
    return after;
  }

  @Test
  @DisplayName("every kind of operation appends entries numbered 1..n that sum to the balance after each step")
  void everyOperationAppends() {
    List<LedgerEntry> l = List.of();
    Grant bonus = f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    l = step(l, 1);
    Order order = Wallets.buyPaid(f, ALICE, CHAT, 50, Cycle.ONCE);
    l = step(l, 1);
    f.credits().tokensConsumed(ALICE, CHAT, 10, "req-1");
    l = step(l, 1);
    Hold captured = held(f.credits().holdTokens(ALICE, CHAT, 20, TEN_MINUTES, "job-1"));
    l = step(l, 1);
    f.credits().captureHold(ALICE, CHAT, captured.id(), 5, "job-1-done");
    l = step(l, 1);
    Hold released = held(f.credits().holdTokens(ALICE, CHAT, 10, TEN_MINUTES, "job-2"));
    l = step(l, 1);
    f.credits().releaseHold(ALICE, CHAT, released.id(), null);
    l = step(l, 1);
    held(f.credits().holdTokens(ALICE, CHAT, 7, TEN_MINUTES, "job-3"));
    l = step(l, 1);
    f.clock().advance(TEN_MINUTES);
    f.credits().sweep(10);
    l = step(l, 1);
    Instant end = f.clock().instant().plus(Duration.ofHours(1));
    f.credits().grantTokens(ALICE, CHAT, 30, end, "short");
    l = step(l, 1);
    f.clock().set(end);
    f.credits().checkForExpiredOrders(ALICE, Duration.ZERO, null);
    l = step(l, 1);
    Order refunded = f.credits().refundOrder(order.id(), Money.parse("5.00", "USD"), "refund-1");
    assertThat(refunded.status()).isEqualTo(OrderStatus.PAID);
    l = step(l, 1);

    assertThat(l).extracting(LedgerEntry::type, LedgerEntry::amount).containsExactly(
        tuple(LedgerEntryType.ADJUSTMENT, 100L),
        tuple(LedgerEntryType.GRANT, 50L),
        tuple(LedgerEntryType.CONSUME, -10L),
        tuple(LedgerEntryType.HOLD, -20L),
        tuple(LedgerEntryType.CAPTURE, 15L),
        tuple(LedgerEntryType.HOLD, -10L),
        tuple(LedgerEntryType.RELEASE, 10L),
        tuple(LedgerEntryType.HOLD, -7L),
        tuple(LedgerEntryType.RELEASE, 7L),
        tuple(LedgerEntryType.ADJUSTMENT, 30L),
        tuple(LedgerEntryType.EXPIRE, -30L),
        tuple(LedgerEntryType.REFUND, -25L));
    assertThat(l.get(0).grantId()).isEqualTo(bonus.id());
    assertThat(l.get(1).orderId()).isEqualTo(order.id().value());
    assertThat(l.get(2).idempotencyKey()).isEqualTo("req-1");
    assertThat(l.get(3).holdId()).isEqualTo(captured.id().value());
    assertThat(l.get(4).holdId()).isEqualTo(captured.id().value());
    assertThat(l.get(10).at()).as("an expiry is dated at the grant's end").isEqualTo(end);
    assertThat(l.get(11).orderId()).isEqualTo(order.id().value());
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100 + 50 - 10 - 5 - 25);
  }

  @Test
  @DisplayName("a full refund takes back everything its order has left, and the ledger still sums to the balance")
  void fullRefund() {
    Order order = Wallets.buyPaid(f, ALICE, CHAT, 50, Cycle.ONCE);
    f.credits().tokensConsumed(ALICE, CHAT, 20);
    Order refunded = f.credits().refundOrder(order.id(), order.total(), "refund-all");
    assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertThat(assertLedgerMatchesBalance(f, ALICE, CHAT)).extracting(LedgerEntry::type, LedgerEntry::amount)
        .containsExactly(tuple(LedgerEntryType.GRANT, 50L), tuple(LedgerEntryType.CONSUME, -20L),
            tuple(LedgerEntryType.REFUND, -30L));
    f.credits().refundOrder(order.id(), order.total(), "refund-all");
    assertThat(assertLedgerMatchesBalance(f, ALICE, CHAT)).as("a retried refund appends nothing").hasSize(3);
  }

  @Test
  @DisplayName("a refund while some of the order's tokens are held takes back what is free and the hold still settles")
  void refundWhileHeld() {
    Order order = Wallets.buyPaid(f, ALICE, CHAT, 50, Cycle.ONCE);
    Hold h = held(f.credits().holdTokens(ALICE, CHAT, 40, TEN_MINUTES, null));
    f.credits().refundOrder(order.id(), order.total(), "refund-all");
    assertLedgerMatchesBalance(f, ALICE, CHAT);
    f.credits().releaseHold(ALICE, CHAT, h.id(), null);
    assertThat(balance(f, ALICE, CHAT)).as("the returned tokens belong to a refunded order").isZero();
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("in overdraft, balanceAfter goes negative and a later grant brings it back, always the running sum")
  void overdraftRunningSum() {
    String group = CreditsFixture.POSTPAID;
    f.credits().tokensConsumed(ALICE, group, 30);
    f.credits().tokensConsumed(ALICE, group, 15);
    f.credits().grantTokens(ALICE, group, 100, null, "top-up");
    List<LedgerEntry> l = assertLedgerMatchesBalance(f, ALICE, group);
    assertThat(l).extracting(LedgerEntry::balanceAfter).containsExactly(-30L, -45L, 55L);
  }

  @Test
  @DisplayName("rejected and insufficient operations append nothing")
  void rejectedOperationsAppendNothing() {
    f.credits().grantTokens(ALICE, CHAT, 10, null, "welcome");
    f.credits().tokensConsumed(ALICE, CHAT, 5, "req-1");
    Hold h = held(f.credits().holdTokens(ALICE, CHAT, 3, TEN_MINUTES, null));
    List<LedgerEntry> before = ledger(f, ALICE, CHAT);
    f.credits().tokensConsumed(ALICE, CHAT, 3);
    f.credits().holdTokens(ALICE, CHAT, 3, TEN_MINUTES, null);
    f.credits().tokensConsumed(ALICE, CHAT, 5, "req-1");
    assertThatThrownBy(() -> f.credits().tokensConsumed(ALICE, CHAT, 6, "req-1")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> f.credits().tokensConsumed(ALICE, CHAT, 0)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().captureHold(ALICE, CHAT, h.id(), 4, null))
        .isInstanceOf(InvalidRequestException.class);
    f.credits().grantTokens(ALICE, CHAT, 10, null, "welcome");
    assertThatThrownBy(() -> f.credits().grantTokens(ALICE, CHAT, 0, null, "zero"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().grantTokens(ALICE, CHAT, 5, f.clock().instant(), "ends-now"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().grantTokens(ALICE, CHAT, 5, null, " "))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(ledger(f, ALICE, CHAT)).isEqualTo(before);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(2);
  }

  @Test
  @DisplayName("paging with afterSeq and limit reads every entry once, in order")
  void paging() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    for (int i = 0; i < 24; i++) {
      f.credits().tokensConsumed(ALICE, CHAT, 1, "req-" + i);
    }
    List<LedgerEntry> pages = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    long after = 0;
    while (true) {
      List<LedgerEntry> page = f.credits().ledger(ALICE, CHAT, after, 10);
      if (page.isEmpty()) {
        break;
      }
      sizes.add(page.size());
      pages.addAll(page);
      after = page.get(page.size() - 1).seq();
    }
    assertThat(sizes).containsExactly(10, 10, 5);
    assertThat(pages).extracting(LedgerEntry::seq).containsExactlyElementsOf(
        LongStream.rangeClosed(1, 25).boxed().toList());
    assertThat(f.credits().ledger(ALICE, CHAT, 7, 3)).extracting(LedgerEntry::seq).containsExactly(8L, 9L, 10L);
    assertThat(f.credits().ledger(ALICE, CHAT, 24, 10)).extracting(LedgerEntry::seq).containsExactly(25L);
    assertThat(f.credits().ledger(ALICE, CHAT, 25, 10)).isEmpty();
    assertThat(f.credits().ledger(ALICE, CHAT, 1_000, 10)).isEmpty();
    assertThat(f.credits().ledger(ALICE, CHAT, 0, 1)).extracting(LedgerEntry::seq).containsExactly(1L);
    assertThat(f.credits().ledger(ALICE, "never-used", 0, 10)).isEmpty();
  }

  @Test
  @DisplayName("paging rejects a negative afterSeq, a limit below 1 and bad names")
  void pagingBadInput() {
    assertThatThrownBy(() -> f.credits().ledger(ALICE, CHAT, -1, 10)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().ledger(ALICE, CHAT, 0, 0)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().ledger(null, CHAT, 0, 10)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().ledger(ALICE, "", 0, 10)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("a user's ledger never shows another user's entries, nor another group's")
  void isolation() {
    f.credits().grantTokens(ALICE, CHAT, 10, null, "a");
    f.credits().grantTokens(BOB, CHAT, 20, null, "b");
    f.credits().grantTokens(ALICE, IMAGES, 30, null, "c");
    f.credits().tokensConsumed(BOB, CHAT, 5);
    f.credits().tokensConsumed(ALICE, IMAGES, 5);
    assertThat(assertLedgerMatchesBalance(f, ALICE, CHAT)).hasSize(1);
    assertThat(assertLedgerMatchesBalance(f, BOB, CHAT)).hasSize(2);
    assertThat(assertLedgerMatchesBalance(f, ALICE, IMAGES)).hasSize(2);
    assertThat(f.credits().ledger(BOB, IMAGES, 0, 10)).isEmpty();
  }

  @Test
  @DisplayName("an expiry recorded long after the grant's end is dated at the end, and seqs stay gapless")
  void lateExpiryIsDatedAtTheEnd() {
    Instant end1 = f.clock().instant().plus(Duration.ofDays(1));
    Instant end2 = f.clock().instant().plus(Duration.ofDays(2));
    f.credits().grantTokens(ALICE, CHAT, 10, end2, "two-days");
    f.credits().grantTokens(ALICE, CHAT, 20, end1, "one-day");
    f.credits().grantTokens(ALICE, CHAT, 5, null, "forever");
    f.clock().advance(Duration.ofDays(20));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(5);
    f.credits().tokensConsumed(ALICE, CHAT, 1);
    List<LedgerEntry> l = assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertThat(l).extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::at).containsExactly(
        tuple(LedgerEntryType.ADJUSTMENT, 10L, end1.minus(Duration.ofDays(1))),
        tuple(LedgerEntryType.ADJUSTMENT, 20L, end1.minus(Duration.ofDays(1))),
        tuple(LedgerEntryType.ADJUSTMENT, 5L, end1.minus(Duration.ofDays(1))),
        tuple(LedgerEntryType.EXPIRE, -20L, end1),
        tuple(LedgerEntryType.EXPIRE, -10L, end2),
        tuple(LedgerEntryType.CONSUME, -1L, f.clock().instant()));
  }
}

package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Wallets.ALICE;
import static dev.credits.testkit.contract.Wallets.BOB;
import static dev.credits.testkit.contract.Wallets.CHAT;
import static dev.credits.testkit.contract.Wallets.IMAGES;
import static dev.credits.testkit.contract.Wallets.assertLedgerMatchesBalance;
import static dev.credits.testkit.contract.Wallets.balance;
import static dev.credits.testkit.contract.Wallets.concurrently;
import static dev.credits.testkit.contract.Wallets.ledger;
import static dev.credits.testkit.contract.Wallets.spent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.ConflictException;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.model.Burn;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Cycle;
import dev.credits.core.model.Grant;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import dev.credits.core.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on consumption: burn order, atomicity, idempotency, overdraft, isolation between users. */
public abstract class ConsumptionContract extends ContractSection {
  private static final String POSTPAID = CreditsFixture.POSTPAID;
  private static final long LIMIT = CreditsFixture.OVERDRAFT_LIMIT;

  /** Creates the section. */
  protected ConsumptionContract() {}

  private Grant grant(UserId user, String group, long tokens, Instant expiresAt, String key) {
    return f.credits().grantTokens(user, group, tokens, expiresAt, key);
  }

  private Instant in(Duration d) {
    return f.clock().instant().plus(d);
  }

  @Test
  @DisplayName("a count of 0 or below is rejected and writes nothing")
  void countBelowOne() {
    grant(ALICE, CHAT, 10, null, "welcome");
    for (long count : new long[] {0, -1, -10, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> f.credits().tokensConsumed(ALICE, CHAT, count, "bad-" + count))
          .as("count %d", count).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> f.credits().tokensConsumed(ALICE, CHAT, count))
          .as("count %d without key", count).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(10);
    assertThat(ledger(f, ALICE, CHAT)).hasSize(1);
    assertThat(spent(f.credits().tokensConsumed(ALICE, CHAT, 1, "bad-0")).balance())
        .as("a rejected request did not record its key").isEqualTo(9);
  }

  @Test
  @DisplayName("a null user, a null or blank group, or a blank idempotency key is rejected and writes nothing")
  void badIdentifiers() {
    grant(ALICE, CHAT, 10, null, "welcome");
    assertThatThrownBy(() -> f.credits().tokensConsumed(null, CHAT, 1, "k"))
        .isInstanceOf(InvalidRequestException.class);
    for (String group : new String[] {null, "", "   "}) {
      assertThatThrownBy(() -> f.credits().tokensConsumed(ALICE, group, 1, "k"))
          .as("group '%s'", group).isInstanceOf(InvalidRequestException.class);
    }
    for (String key : new String[] {"", " ", "\t"}) {
      assertThatThrownBy(() -> f.credits().tokensConsumed(ALICE, CHAT, 1, key))
          .as("key '%s'", key).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(10);
    assertThat(ledger(f, ALICE, CHAT)).hasSize(1);
  }

  @Test
  @DisplayName("spending never takes more than the balance: not enough is a result and writes nothing")
  void neverMoreThanTheBalance() {
    grant(ALICE, CHAT, 10, null, "welcome");
    Consumption tooMuch = f.credits().tokensConsumed(ALICE, CHAT, 11, "req-1");
    assertThat(tooMuch).isEqualTo(new Consumption.Insufficient(11, 10, 0));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(10);
    assertThat(ledger(f, ALICE, CHAT)).extracting(LedgerEntry::type).containsExactly(LedgerEntryType.ADJUSTMENT);

    Consumption.Spent all = spent(f.credits().tokensConsumed(ALICE, CHAT, 10));
    assertThat(all.balance()).isZero();
    assertThat(all.overdraft()).isZero();
    assertThat(f.credits().tokensConsumed(ALICE, CHAT, 1)).isEqualTo(new Consumption.Insufficient(1, 0, 0));
    assertThat(balance(f, ALICE, CHAT)).isZero();
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("a user who never had tokens gets an insufficient result and no wallet")
  void newUserHasNothing() {
    UserId nobody = UserId.of("nobody");
    assertThat(f.credits().tokensConsumed(nobody, CHAT, 1, "k")).isEqualTo(new Consumption.Insufficient(1, 0, 0));
    assertThat(f.credits().getUserCredits(nobody).groups()).isEmpty();
    assertThat(f.credits().ledger(nobody, CHAT, 0, 10)).isEmpty();
  }

  @Test
  @DisplayName("the spent result reports the new balance, the CONSUME entry and what was burned")
  void spentReportsWhatHappened() {
    Grant g = grant(ALICE, CHAT, 100, null, "welcome");
    Consumption.Spent s = spent(f.credits().tokensConsumed(ALICE, CHAT, 30, "req-1"));
    assertThat(s.count()).isEqualTo(30);
    assertThat(s.balance()).isEqualTo(70).isEqualTo(balance(f, ALICE, CHAT));
    assertThat(s.burned()).containsExactly(new Burn(g.id(), 30));
    assertThat(s.overdraft()).isZero();
    LedgerEntry entry = ledger(f, ALICE, CHAT).get((int) s.ledgerSeq() - 1);
    assertThat(entry.type()).isEqualTo(LedgerEntryType.CONSUME);
    assertThat(entry.amount()).isEqualTo(-30);
    assertThat(entry.balanceAfter()).isEqualTo(70);
    assertThat(entry.idempotencyKey()).isEqualTo("req-1");
    assertThat(entry.at()).isEqualTo(f.clock().instant());
  }

  @Test
  @DisplayName("spending burns the grant that expires first, never-expiring grants last, the older one first")
  void burnOrder() {
    Grant never1 = grant(ALICE, CHAT, 10, null, "never-1");
    f.clock().advance(Duration.ofMinutes(1));
    Grant never2 = grant(ALICE, CHAT, 10, null, "never-2");
    Grant late = grant(ALICE, CHAT, 10, in(Duration.ofDays(30)), "late");
    Instant soonEnd = in(Duration.ofDays(7));
    Grant soon1 = grant(ALICE, CHAT, 10, soonEnd, "soon-1");
    f.clock().advance(Duration.ofMinutes(1));
    Grant soon2 = grant(ALICE, CHAT, 10, soonEnd, "soon-2");

    Consumption.Spent first = spent(f.credits().tokensConsumed(ALICE, CHAT, 15, "a"));
    assertThat(first.burned()).containsExactly(new Burn(soon1.id(), 10), new Burn(soon2.id(), 5));
    Consumption.Spent second = spent(f.credits().tokensConsumed(ALICE, CHAT, 22, "b"));
    assertThat(second.burned()).containsExactly(new Burn(soon2.id(), 5), new Burn(late.id(), 10),
        new Burn(never1.id(), 7));
    Consumption.Spent third = spent(f.credits().tokensConsumed(ALICE, CHAT, 8, "c"));
    assertThat(third.burned()).containsExactly(new Burn(never1.id(), 3), new Burn(never2.id(), 5));
    assertThat(third.balance()).isEqualTo(5);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("tokens bought through an order burn after bonus tokens that expire sooner")
  void burnOrderAcrossOrdersAndAdjustments() {
    Wallets.buyPaid(f, ALICE, CHAT, 100, Cycle.MONTHLY);
    Grant bonus = grant(ALICE, CHAT, 20, in(Duration.ofDays(2)), "bonus");
    Consumption.Spent s = spent(f.credits().tokensConsumed(ALICE, CHAT, 25));
    assertThat(s.burned()).hasSize(2);
    assertThat(s.burned().get(0)).isEqualTo(new Burn(bonus.id(), 20));
    assertThat(s.burned().get(1).tokens()).isEqualTo(5);
    assertThat(s.balance()).isEqualTo(95);
  }

  @Test
  @DisplayName("expired tokens are never spendable, even before any sweep recorded the expiry")
  void expiredTokensAreNotSpendable() {
    Instant end = in(Duration.ofHours(1));
    grant(ALICE, CHAT, 10, end, "short");
    f.clock().set(end.minusSeconds(1));
    assertThat(spent(f.credits().tokensConsumed(ALICE, CHAT, 1)).balance()).isEqualTo(9);
    f.clock().set(end);
    assertThat(balance(f, ALICE, CHAT)).as("balance at the grant's end, nothing recorded yet").isZero();
    assertThat(f.credits().tokensConsumed(ALICE, CHAT, 1, "late")).isEqualTo(new Consumption.Insufficient(1, 0, 0));
    f.clock().advance(Duration.ofDays(3));
    assertThat(f.credits().tokensConsumed(ALICE, CHAT, 1)).isEqualTo(new Consumption.Insufficient(1, 0, 0));
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("expired tokens do not cover a consumption in an overdraft group either")
  void expiredTokensDoNotCoverOverdraft() {
    Instant end = in(Duration.ofHours(1));
    grant(ALICE, POSTPAID, 30, end, "short");
    f.clock().set(end.plusSeconds(1));
    Consumption.Spent s = spent(f.credits().tokensConsumed(ALICE, POSTPAID, 20));
    assertThat(s.burned()).isEmpty();
    assertThat(s.overdraft()).isEqualTo(20);
    assertThat(s.balance()).isEqualTo(-20);
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
  }

  @Test
  @DisplayName("the same idempotency key returns the same result and spends once")
  void sameKeySameResult() {
    grant(ALICE, CHAT, 100, null, "welcome");
    Consumption first = f.credits().tokensConsumed(ALICE, CHAT, 30, "req-1");
    f.clock().advance(Duration.ofSeconds(5));
    Consumption again = f.credits().tokensConsumed(ALICE, CHAT, 30, "req-1");
    assertThat(again).isEqualTo(first);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(70);
    assertThat(ledger(f, ALICE, CHAT)).filteredOn(e -> e.type() == LedgerEntryType.CONSUME).hasSize(1);
    assertThat(spent(f.credits().tokensConsumed(ALICE, CHAT, 30, "req-2")).balance())
        .as("another key spends again").isEqualTo(40);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("the same idempotency key with a different count is a conflict and spends nothing")
  void sameKeyDifferentCount() {
    grant(ALICE, CHAT, 100, null, "welcome");
    f.credits().tokensConsumed(ALICE, CHAT, 30, "req-1");
    assertThatThrownBy(() -> f.credits().tokensConsumed(ALICE, CHAT, 31, "req-1"))
        .isInstanceOf(ConflictException.class);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(70);
    assertThat(ledger(f, ALICE, CHAT)).hasSize(2);
  }

  @Test
  @DisplayName("an insufficient attempt records nothing, so the same key succeeds once tokens arrive")
  void insufficientThenRetry() {
    assertThat(f.credits().tokensConsumed(ALICE, CHAT, 30, "req-1"))
        .isEqualTo(new Consumption.Insufficient(30, 0, 0));
    grant(ALICE, CHAT, 20, null, "small");
    assertThat(f.credits().tokensConsumed(ALICE, CHAT, 30, "req-1"))
        .isEqualTo(new Consumption.Insufficient(30, 20, 0));
    grant(ALICE, CHAT, 20, null, "more");
    Consumption.Spent s = spent(f.credits().tokensConsumed(ALICE, CHAT, 30, "req-1"));
    assertThat(s.balance()).isEqualTo(10);
    assertThat(f.credits().tokensConsumed(ALICE, CHAT, 30, "req-1")).isEqualTo(s);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(10);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("in an overdraft group the balance may go down to minus the limit, never below")
  void overdraftDownToTheLimit() {
    Consumption.Spent first = spent(f.credits().tokensConsumed(ALICE, POSTPAID, 30));
    assertThat(first.balance()).isEqualTo(-30);
    assertThat(first.overdraft()).isEqualTo(30);
    assertThat(first.burned()).isEmpty();
    assertThat(f.credits().tokensConsumed(ALICE, POSTPAID, LIMIT - 30 + 1))
        .isEqualTo(new Consumption.Insufficient(LIMIT - 30 + 1, -30, LIMIT - 30));
    assertThat(spent(f.credits().tokensConsumed(ALICE, POSTPAID, LIMIT - 30)).balance()).isEqualTo(-LIMIT);
    assertThat(f.credits().tokensConsumed(ALICE, POSTPAID, 1)).isEqualTo(new Consumption.Insufficient(1, -LIMIT, 0));
    assertThat(balance(f, ALICE, POSTPAID)).isEqualTo(-LIMIT);
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
  }

  @Test
  @DisplayName("an overdraft consumption burns the tokens there are first and borrows only the rest")
  void overdraftBurnsFirst() {
    Grant g = grant(ALICE, POSTPAID, 10, null, "some");
    Consumption.Spent s = spent(f.credits().tokensConsumed(ALICE, POSTPAID, 40));
    assertThat(s.burned()).containsExactly(new Burn(g.id(), 10));
    assertThat(s.overdraft()).isEqualTo(30);
    assertThat(s.balance()).isEqualTo(-30);
    assertThat(f.credits().tokensConsumed(ALICE, POSTPAID, 21)).isEqualTo(new Consumption.Insufficient(21, -30, 20));
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
  }

  @Test
  @DisplayName("a later grant pays the overdraft debt first")
  void laterGrantPaysTheDebt() {
    f.credits().tokensConsumed(ALICE, POSTPAID, 40);
    grant(ALICE, POSTPAID, 10, null, "small");
    assertThat(balance(f, ALICE, POSTPAID)).isEqualTo(-30);
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
    grant(ALICE, POSTPAID, 100, null, "big");
    assertThat(balance(f, ALICE, POSTPAID)).isEqualTo(70);
    assertThat(f.credits().getUserCredits(ALICE).group(POSTPAID).orElseThrow().grants())
        .as("what the grants still hold after repaying").extracting(Grant::remaining).containsExactly(70L);
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
    Consumption.Spent s = spent(f.credits().tokensConsumed(ALICE, POSTPAID, 70 + LIMIT));
    assertThat(s.balance()).as("the full overdraft room is back").isEqualTo(-LIMIT);
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
  }

  @Test
  @DisplayName("a paid order in an overdraft group pays the debt first")
  void paidOrderPaysTheDebt() {
    f.credits().tokensConsumed(ALICE, POSTPAID, 45);
    Wallets.buyPaid(f, ALICE, POSTPAID, 100, Cycle.ONCE);
    assertThat(balance(f, ALICE, POSTPAID)).isEqualTo(55);
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
  }

  @Test
  @DisplayName("a group without an overdraft limit never goes below zero")
  void noOverdraftWithoutALimit() {
    grant(ALICE, CHAT, 5, null, "a");
    assertThat(f.credits().tokensConsumed(ALICE, CHAT, 6)).isEqualTo(new Consumption.Insufficient(6, 5, 0));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(5);
  }

  @Test
  @DisplayName("consumption never touches another user's tokens nor another group's")
  void isolation() {
    grant(ALICE, CHAT, 10, null, "a-chat");
    grant(ALICE, IMAGES, 20, null, "a-images");
    grant(BOB, CHAT, 30, null, "b-chat");
    assertThat(spent(f.credits().tokensConsumed(ALICE, CHAT, 10, "same-key")).balance()).isZero();
    assertThat(f.credits().tokensConsumed(ALICE, CHAT, 1)).isInstanceOf(Consumption.Insufficient.class);
    assertThat(spent(f.credits().tokensConsumed(BOB, CHAT, 10, "same-key")).balance())
        .as("bob's wallet does not know alice's key").isEqualTo(20);
    assertThat(balance(f, ALICE, IMAGES)).isEqualTo(20);
    assertThat(balance(f, BOB, CHAT)).isEqualTo(20);
    assertThat(ledger(f, ALICE, IMAGES)).hasSize(1);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertLedgerMatchesBalance(f, BOB, CHAT);
    assertLedgerMatchesBalance(f, ALICE, IMAGES);
  }

  @Test
  @DisplayName("8 threads spending one balance at once never overspend, and the ledger sums to the balance")
  void concurrentSpendingNeverOverspends() throws Exception {
    grant(ALICE, CHAT, 1_000, null, "welcome");
    List<Consumption> results = concurrently(8, 1_600, i -> f.credits().tokensConsumed(ALICE, CHAT, 1));
    assertThat(results).filteredOn(c -> c instanceof Consumption.Spent).hasSize(1_000);
    assertThat(results).filteredOn(c -> c instanceof Consumption.Insufficient).hasSize(600);
    assertThat(balance(f, ALICE, CHAT)).isZero();
    List<LedgerEntry> entries = assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertThat(entries).hasSize(1_001);
    assertThat(results).filteredOn(c -> c instanceof Consumption.Spent)
        .extracting(c -> ((Consumption.Spent) c).ledgerSeq()).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("8 threads replaying the same idempotency keys at once spend each key exactly once")
  void concurrentReplaysSpendOnce() throws Exception {
    grant(ALICE, CHAT, 1_000, null, "welcome");
    int keys = 150;
    List<Consumption> results = concurrently(8, keys * 8, i -> f.credits().tokensConsumed(ALICE, CHAT, 3,
        "req-" + (i % keys)));
    assertThat(results).allMatch(c -> c instanceof Consumption.Spent);
    for (int k = 0; k < keys; k++) {
      assertThat(results.get(k + keys)).as("replay of req-%d", k).isEqualTo(results.get(k));
    }
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(1_000 - 3 * keys);
    assertThat(assertLedgerMatchesBalance(f, ALICE, CHAT)).hasSize(keys + 1);
  }

  @Test
  @DisplayName("8 threads spending in an overdraft group at once never go below minus the limit")
  void concurrentOverdraft() throws Exception {
    grant(ALICE, POSTPAID, 100, null, "welcome");
    List<Consumption> results = concurrently(8, 400, i -> f.credits().tokensConsumed(ALICE, POSTPAID, 1));
    assertThat(results).filteredOn(c -> c instanceof Consumption.Spent).hasSize(100 + (int) LIMIT);
    assertThat(balance(f, ALICE, POSTPAID)).isEqualTo(-LIMIT);
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
  }

  @Test
  @DisplayName("a grant that would overflow the balance is rejected and writes nothing")
  void overflowingGrant() {
    grant(ALICE, CHAT, Long.MAX_VALUE - 10, null, "huge");
    assertThatThrownBy(() -> grant(ALICE, CHAT, 11, null, "one-too-many"))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(Long.MAX_VALUE - 10);
    assertThat(ledger(f, ALICE, CHAT)).hasSize(1);
    grant(ALICE, CHAT, 10, null, "just-fits");
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(Long.MAX_VALUE);
    assertThat(spent(f.credits().tokensConsumed(ALICE, CHAT, Long.MAX_VALUE)).balance()).isZero();
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("a huge balance in an overdraft group is still spendable")
  void hugeBalanceInOverdraftGroup() {
    grant(ALICE, POSTPAID, Long.MAX_VALUE, null, "huge");
    assertThat(spent(f.credits().tokensConsumed(ALICE, POSTPAID, 1)).balance()).isEqualTo(Long.MAX_VALUE - 1);
    Consumption.Spent all = spent(f.credits().tokensConsumed(ALICE, POSTPAID, Long.MAX_VALUE));
    assertThat(all.balance()).isEqualTo(-1);
    assertThat(all.overdraft()).isEqualTo(1);
    assertThat(f.credits().tokensConsumed(ALICE, POSTPAID, LIMIT))
        .isEqualTo(new Consumption.Insufficient(LIMIT, -1, LIMIT - 1));
    assertThat(spent(f.credits().tokensConsumed(ALICE, POSTPAID, LIMIT - 1)).balance()).isEqualTo(-LIMIT);
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
  }

  @Test
  @DisplayName("a balance spent down to 0 receives a later grant")
  void zeroBalanceReceivesALaterGrant() {
    grant(ALICE, CHAT, 10, null, "first");
    assertThat(spent(f.credits().tokensConsumed(ALICE, CHAT, 10)).balance()).isZero();
    f.clock().advance(Duration.ofDays(1));
    Grant second = grant(ALICE, CHAT, 5, null, "second");
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(5);
    Consumption.Spent s = spent(f.credits().tokensConsumed(ALICE, CHAT, 5));
    assertThat(s.burned()).containsExactly(new Burn(second.id(), 5));
    assertThat(s.balance()).isZero();
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("a balance whose tokens expired receives a later grant")
  void expiredBalanceReceivesALaterGrant() {
    grant(ALICE, CHAT, 10, in(Duration.ofHours(1)), "short");
    f.clock().advance(Duration.ofHours(2));
    grant(ALICE, CHAT, 7, null, "later");
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(7);
    assertThat(spent(f.credits().tokensConsumed(ALICE, CHAT, 7)).balance()).isZero();
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }
}

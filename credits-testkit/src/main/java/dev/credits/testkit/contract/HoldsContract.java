package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Wallets.ALICE;
import static dev.credits.testkit.contract.Wallets.BOB;
import static dev.credits.testkit.contract.Wallets.CHAT;
import static dev.credits.testkit.contract.Wallets.assertLedgerMatchesBalance;
import static dev.credits.testkit.contract.Wallets.balance;
import static dev.credits.testkit.contract.Wallets.concurrently;
import static dev.credits.testkit.contract.Wallets.held;
import static dev.credits.testkit.contract.Wallets.ledger;
import static dev.credits.testkit.contract.Wallets.spent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.credits.core.ConflictException;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.NotFoundException;
import dev.credits.core.model.Burn;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.GroupCredits;
import dev.credits.core.model.Hold;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.HoldSettlement;
import dev.credits.core.model.HoldState;
import dev.credits.core.model.LedgerEntry;
import dev.credits.core.model.LedgerEntryType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section on holds: reserve, capture, release, self-expiry. */
public abstract class HoldsContract extends ContractSection {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  private static final String POSTPAID = CreditsFixture.POSTPAID;

  /** Creates the section. */
  protected HoldsContract() {}

  private Hold hold(long amount, Duration ttl, String key) {
    return held(f.credits().holdTokens(ALICE, CHAT, amount, ttl, key));
  }

  private GroupCredits chat() {
    return f.credits().getUserCredits(ALICE).group(CHAT).orElseThrow();
  }

  @Test
  @DisplayName("held tokens are not spendable by anything else")
  void heldTokensAreNotSpendable() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    HoldResult r = f.credits().holdTokens(ALICE, CHAT, 70, TEN_MINUTES, "job-1");
    assertThat(r).isInstanceOf(HoldResult.Held.class);
    HoldResult.Held h = (HoldResult.Held) r;
    assertThat(h.balance()).isEqualTo(30);
    assertThat(h.hold().amount()).isEqualTo(70);
    assertThat(h.hold().state()).isEqualTo(HoldState.ACTIVE);
    assertThat(h.hold().expiresAt()).isEqualTo(f.clock().instant().plus(TEN_MINUTES));
    assertThat(chat().balance()).isEqualTo(30);
    assertThat(chat().held()).isEqualTo(70);
    assertThat(chat().holds()).extracting(Hold::id).containsExactly(h.hold().id());

    assertThat(f.credits().tokensConsumed(ALICE, CHAT, 31)).isEqualTo(new Consumption.Insufficient(31, 30, 0));
    assertThat(f.credits().holdTokens(ALICE, CHAT, 31, TEN_MINUTES, null))
        .isEqualTo(new HoldResult.Insufficient(31, 30));
    assertThat(spent(f.credits().tokensConsumed(ALICE, CHAT, 30)).balance()).isZero();
    assertThat(f.credits().holdTokens(ALICE, CHAT, 1, TEN_MINUTES, null)).isEqualTo(new HoldResult.Insufficient(1, 0));
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("capturing up to the held amount spends that much and returns the rest")
  void captureSpendsAndReturnsTheRest() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    Hold h = hold(70, TEN_MINUTES, "job-1");
    HoldSettlement s = f.credits().captureHold(ALICE, CHAT, h.id(), 50, "job-1-done");
    assertThat(s.spent()).isEqualTo(50);
    assertThat(s.returned()).isEqualTo(20);
    assertThat(s.balance()).isEqualTo(50).isEqualTo(balance(f, ALICE, CHAT));
    assertThat(s.hold().state()).isEqualTo(HoldState.CAPTURED);
    assertThat(s.hold().captured()).isEqualTo(50);
    assertThat(chat().held()).isZero();
    assertThat(chat().holds()).isEmpty();
    assertThat(assertLedgerMatchesBalance(f, ALICE, CHAT)).extracting(LedgerEntry::type, LedgerEntry::amount)
        .containsExactly(tuple(LedgerEntryType.ADJUSTMENT, 100L),
            tuple(LedgerEntryType.HOLD, -70L),
            tuple(LedgerEntryType.CAPTURE, 20L));
    assertThatThrownBy(() -> f.credits().captureHold(ALICE, CHAT, h.id(), 10, null))
        .as("a captured hold is closed").isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.credits().releaseHold(ALICE, CHAT, h.id(), null))
        .as("a captured hold is closed").isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("capturing the whole hold spends it all, capturing 0 returns it all")
  void captureAllOrNothing() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    Hold all = hold(40, TEN_MINUTES, null);
    Hold none = hold(25, TEN_MINUTES, null);
    HoldSettlement full = f.credits().captureHold(ALICE, CHAT, all.id(), 40, null);
    assertThat(full.returned()).isZero();
    assertThat(full.balance()).isEqualTo(35);
    HoldSettlement zero = f.credits().captureHold(ALICE, CHAT, none.id(), 0, null);
    assertThat(zero.spent()).isZero();
    assertThat(zero.returned()).isEqualTo(25);
    assertThat(zero.balance()).isEqualTo(60);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("capturing more than held, or a negative amount, is rejected and leaves the hold active")
  void captureMoreThanHeld() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    Hold h = hold(70, TEN_MINUTES, null);
    int entries = ledger(f, ALICE, CHAT).size();
    assertThatThrownBy(() -> f.credits().captureHold(ALICE, CHAT, h.id(), 71, "cap"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().captureHold(ALICE, CHAT, h.id(), -1, "cap"))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(ledger(f, ALICE, CHAT)).hasSize(entries);
    assertThat(chat().held()).isEqualTo(70);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(30);
    HoldSettlement s = f.credits().captureHold(ALICE, CHAT, h.id(), 70, "cap");
    assertThat(s.spent()).isEqualTo(70);
    assertThat(s.balance()).isEqualTo(30);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("releasing returns every held token and closes the hold")
  void releaseReturnsAll() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    Hold h = hold(70, TEN_MINUTES, "job-1");
    HoldSettlement s = f.credits().releaseHold(ALICE, CHAT, h.id(), "job-1-cancel");
    assertThat(s.spent()).isZero();
    assertThat(s.returned()).isEqualTo(70);
    assertThat(s.balance()).isEqualTo(100).isEqualTo(balance(f, ALICE, CHAT));
    assertThat(s.hold().state()).isEqualTo(HoldState.RELEASED);
    assertThat(chat().held()).isZero();
    assertThatThrownBy(() -> f.credits().releaseHold(ALICE, CHAT, h.id(), null)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.credits().captureHold(ALICE, CHAT, h.id(), 1, null))
        .isInstanceOf(NotFoundException.class);
    assertThat(assertLedgerMatchesBalance(f, ALICE, CHAT)).extracting(LedgerEntry::type)
        .containsExactly(LedgerEntryType.ADJUSTMENT, LedgerEntryType.HOLD, LedgerEntryType.RELEASE);
  }

  @Test
  @DisplayName("releasing with the same idempotency key again returns the recorded settlement")
  void releaseReplay() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    Hold h = hold(70, TEN_MINUTES, null);
    HoldSettlement first = f.credits().releaseHold(ALICE, CHAT, h.id(), "cancel-1");
    assertThat(f.credits().releaseHold(ALICE, CHAT, h.id(), "cancel-1")).isEqualTo(first);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
    assertThat(ledger(f, ALICE, CHAT)).hasSize(3);
  }

  @Test
  @DisplayName("an expired hold releases itself, and capturing it afterwards is not found")
  void expiredHoldReleasesItself() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    Hold h = hold(70, TEN_MINUTES, "job-1");
    f.clock().advance(TEN_MINUTES.minusSeconds(1));
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(30);
    f.clock().advance(Duration.ofSeconds(1));
    assertThat(balance(f, ALICE, CHAT)).as("balance at the hold's expiry, nothing recorded yet").isEqualTo(100);
    assertThat(chat().held()).isZero();
    assertThatThrownBy(() -> f.credits().captureHold(ALICE, CHAT, h.id(), 10, "job-1-done"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.credits().releaseHold(ALICE, CHAT, h.id(), null)).isInstanceOf(NotFoundException.class);
    assertThat(spent(f.credits().tokensConsumed(ALICE, CHAT, 100)).balance()).isZero();
    List<LedgerEntry> entries = assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertThat(entries).extracting(LedgerEntry::type).containsExactly(LedgerEntryType.ADJUSTMENT,
        LedgerEntryType.HOLD, LedgerEntryType.RELEASE, LedgerEntryType.CONSUME);
    assertThat(entries.get(2).at()).as("the release is dated at the hold's expiry").isEqualTo(h.expiresAt());
    assertThat(entries.get(2).holdId()).isEqualTo(h.id().value());
  }

  @Test
  @DisplayName("a sweep records the release of an expired hold")
  void sweepReleasesExpiredHolds() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    Hold h = hold(70, TEN_MINUTES, null);
    f.clock().advance(Duration.ofHours(1));
    assertThat(f.credits().sweep(10).ledgerEntries()).isEqualTo(1);
    List<LedgerEntry> entries = assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertThat(entries.get(entries.size() - 1).type()).isEqualTo(LedgerEntryType.RELEASE);
    assertThat(entries.get(entries.size() - 1).at()).isEqualTo(h.expiresAt());
    assertThat(f.credits().sweep(10).ledgerEntries()).isZero();
  }

  @Test
  @DisplayName("holds never use overdraft, and overdraft spending never eats into held tokens")
  void holdsNeverUseOverdraft() {
    assertThat(f.credits().holdTokens(ALICE, POSTPAID, 1, TEN_MINUTES, null))
        .isEqualTo(new HoldResult.Insufficient(1, 0));
    f.credits().grantTokens(ALICE, POSTPAID, 10, null, "welcome");
    assertThat(f.credits().holdTokens(ALICE, POSTPAID, 11, TEN_MINUTES, null))
        .isEqualTo(new HoldResult.Insufficient(11, 10));
    Hold h = held(f.credits().holdTokens(ALICE, POSTPAID, 10, TEN_MINUTES, null));
    Consumption.Spent s = spent(f.credits().tokensConsumed(ALICE, POSTPAID, CreditsFixture.OVERDRAFT_LIMIT));
    assertThat(s.burned()).as("held tokens are not burned").isEmpty();
    assertThat(s.balance()).isEqualTo(-CreditsFixture.OVERDRAFT_LIMIT);
    assertThat(f.credits().tokensConsumed(ALICE, POSTPAID, 1)).isInstanceOf(Consumption.Insufficient.class);
    assertThat(f.credits().holdTokens(ALICE, POSTPAID, 1, TEN_MINUTES, null))
        .isInstanceOf(HoldResult.Insufficient.class);
    HoldSettlement r = f.credits().releaseHold(ALICE, POSTPAID, h.id(), null);
    assertThat(r.balance()).isEqualTo(10 - CreditsFixture.OVERDRAFT_LIMIT);
    assertLedgerMatchesBalance(f, ALICE, POSTPAID);
  }

  @Test
  @DisplayName("a hold with the same idempotency key returns the same hold, also when retried later")
  void sameKeySameHold() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    Hold first = hold(30, TEN_MINUTES, "job-1");
    Hold again = hold(30, TEN_MINUTES, "job-1");
    assertThat(again).isEqualTo(first);
    f.clock().advance(Duration.ofSeconds(3));
    Hold later = hold(30, TEN_MINUTES, "job-1");
    assertThat(later.id()).isEqualTo(first.id());
    assertThat(later.expiresAt()).as("a retry does not move the expiry").isEqualTo(first.expiresAt());
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(70);
    assertThat(ledger(f, ALICE, CHAT)).filteredOn(e -> e.type() == LedgerEntryType.HOLD).hasSize(1);
    assertThatThrownBy(() -> f.credits().holdTokens(ALICE, CHAT, 31, TEN_MINUTES, "job-1"))
        .as("same key, other amount").isInstanceOf(ConflictException.class);
    assertThat(hold(30, TEN_MINUTES, "job-2").id()).as("another key, another hold").isNotEqualTo(first.id());
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(40);
  }

  @Test
  @DisplayName("8 threads placing holds at once never reserve more than the balance")
  void concurrentHolds() throws Exception {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    List<HoldResult> results = concurrently(8, 200, i -> f.credits().holdTokens(ALICE, CHAT, 3, TEN_MINUTES, null));
    assertThat(results).filteredOn(r -> r instanceof HoldResult.Held).hasSize(33);
    assertThat(results).filteredOn(r -> r instanceof HoldResult.Held)
        .extracting(r -> ((HoldResult.Held) r).hold().id()).doesNotHaveDuplicates();
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(1);
    assertThat(chat().held()).isEqualTo(99);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("a hold whose grant expires while held can still be captured; the returned rest is written off")
  void captureAfterTheGrantExpired() {
    Instant end = f.clock().instant().plus(Duration.ofHours(1));
    f.credits().grantTokens(ALICE, CHAT, 100, end, "short");
    Hold h = hold(60, Duration.ofHours(2), "job-1");
    f.clock().set(end.plus(Duration.ofMinutes(30)));
    assertThat(chat().balance()).as("the 40 not held expired").isZero();
    assertThat(chat().held()).isEqualTo(60);
    HoldSettlement s = f.credits().captureHold(ALICE, CHAT, h.id(), 40, "job-1-done");
    assertThat(s.spent()).isEqualTo(40);
    assertThat(s.returned()).isEqualTo(20);
    assertThat(s.balance()).isZero();
    List<LedgerEntry> entries = assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertThat(entries).extracting(LedgerEntry::type).containsExactly(LedgerEntryType.ADJUSTMENT,
        LedgerEntryType.HOLD, LedgerEntryType.EXPIRE, LedgerEntryType.CAPTURE, LedgerEntryType.EXPIRE);
    assertThat(entries.get(2).amount()).isEqualTo(-40);
    assertThat(entries.get(2).at()).isEqualTo(end);
    assertThat(entries.get(4).amount()).isEqualTo(-20);
  }

  @Test
  @DisplayName("a hold that outlives its grant and then expires writes all its tokens off")
  void holdOutlivesItsGrant() {
    Instant end = f.clock().instant().plus(Duration.ofHours(1));
    f.credits().grantTokens(ALICE, CHAT, 100, end, "short");
    Hold h = hold(60, Duration.ofHours(2), null);
    f.clock().set(end.plus(Duration.ofHours(5)));
    assertThat(balance(f, ALICE, CHAT)).isZero();
    f.credits().sweep(10);
    List<LedgerEntry> entries = assertLedgerMatchesBalance(f, ALICE, CHAT);
    assertThat(entries).extracting(LedgerEntry::type, LedgerEntry::amount, LedgerEntry::at).containsExactly(
        tuple(LedgerEntryType.ADJUSTMENT, 100L, h.createdAt()),
        tuple(LedgerEntryType.HOLD, -60L, h.createdAt()),
        tuple(LedgerEntryType.EXPIRE, -40L, end),
        tuple(LedgerEntryType.RELEASE, 60L, h.expiresAt()),
        tuple(LedgerEntryType.EXPIRE, -60L, h.expiresAt()));
  }

  @Test
  @DisplayName("a hold across two grants, one expired, returns its rest to the live grant first")
  void holdAcrossGrants() {
    Instant end = f.clock().instant().plus(Duration.ofHours(1));
    String shortId = f.credits().grantTokens(ALICE, CHAT, 50, end, "short").id();
    String longId = f.credits().grantTokens(ALICE, CHAT, 100, null, "long").id();
    Hold h = hold(60, Duration.ofHours(2), null);
    assertThat(h.allocations()).containsExactly(new Burn(shortId, 50), new Burn(longId, 10));
    f.clock().set(end.plusSeconds(1));
    HoldSettlement s = f.credits().releaseHold(ALICE, CHAT, h.id(), null);
    assertThat(s.returned()).isEqualTo(60);
    assertThat(s.balance()).as("the long grant's 10 come back, the short grant's 50 are written off").isEqualTo(100);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("a grant that would overflow the balance once a hold returns its tokens is rejected")
  void overflowCountsHeldTokens() {
    f.credits().grantTokens(ALICE, CHAT, Long.MAX_VALUE - 10, null, "huge");
    Hold h = hold(100, TEN_MINUTES, null);
    assertThatThrownBy(() -> f.credits().grantTokens(ALICE, CHAT, 11, null, "one-too-many"))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(f.credits().releaseHold(ALICE, CHAT, h.id(), null).balance()).isEqualTo(Long.MAX_VALUE - 10);
    assertLedgerMatchesBalance(f, ALICE, CHAT);
  }

  @Test
  @DisplayName("a hold needs an amount of at least 1, a positive ttl and valid names")
  void badHoldRequests() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    assertThatThrownBy(() -> f.credits().holdTokens(ALICE, CHAT, 0, TEN_MINUTES, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().holdTokens(ALICE, CHAT, -5, TEN_MINUTES, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().holdTokens(ALICE, CHAT, 5, Duration.ZERO, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().holdTokens(ALICE, CHAT, 5, Duration.ofSeconds(-1), null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().holdTokens(ALICE, CHAT, 5, null, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().holdTokens(ALICE, CHAT, 5, Duration.ofSeconds(Long.MAX_VALUE), null))
        .as("a ttl that overflows the calendar").isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().holdTokens(null, CHAT, 5, TEN_MINUTES, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().holdTokens(ALICE, " ", 5, TEN_MINUTES, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().holdTokens(ALICE, CHAT, 5, TEN_MINUTES, ""))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.credits().captureHold(ALICE, CHAT, null, 5, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(ledger(f, ALICE, CHAT)).hasSize(1);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(100);
  }

  @Test
  @DisplayName("a hold placed without a key never collides with one placed with a key")
  void generatedIdsNeverCollideWithKeys() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    Hold keyed = hold(10, TEN_MINUTES, "1");
    Hold first = hold(20, TEN_MINUTES, null);
    Hold second = hold(30, TEN_MINUTES, null);
    assertThat(List.of(keyed.id(), first.id(), second.id())).doesNotHaveDuplicates();
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(40);
    assertThat(chat().held()).isEqualTo(60);
  }

  @Test
  @DisplayName("an unknown hold, or another user's hold, is not found")
  void unknownOrForeignHold() {
    f.credits().grantTokens(ALICE, CHAT, 100, null, "welcome");
    f.credits().grantTokens(BOB, CHAT, 100, null, "welcome");
    Hold h = hold(30, TEN_MINUTES, null);
    assertThatThrownBy(() -> f.credits().captureHold(ALICE, CHAT, HoldId.of("no-such-hold"), 1, null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.credits().captureHold(BOB, CHAT, h.id(), 1, null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.credits().releaseHold(BOB, CHAT, h.id(), null)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.credits().releaseHold(ALICE, "images", h.id(), null))
        .isInstanceOf(NotFoundException.class);
    assertThat(balance(f, BOB, CHAT)).isEqualTo(100);
    assertThat(chat().held()).isEqualTo(30);
  }
}

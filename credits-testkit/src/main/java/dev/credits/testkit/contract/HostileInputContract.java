package dev.credits.testkit.contract;

import static dev.credits.testkit.contract.Catalogs.ALICE;
import static dev.credits.testkit.contract.Catalogs.CHAT;
import static dev.credits.testkit.contract.Catalogs.balance;
import static dev.credits.testkit.contract.Catalogs.buy;
import static dev.credits.testkit.contract.Catalogs.chatPack;
import static dev.credits.testkit.contract.Catalogs.save;
import static dev.credits.testkit.contract.Catalogs.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.Credits;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.HoldId;
import dev.credits.core.model.HoldResult;
import dev.credits.core.model.Limits;
import dev.credits.core.model.Money;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import dev.credits.testkit.StoreAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contract section on hostile input: ids and keys at and beyond {@link Limits}, blank, with control
 * characters or non-ASCII text, and the history an order may grow. Each refusal is an
 * {@link InvalidRequestException} that writes nothing, and the wallet works normally after many.
 */
public abstract class HostileInputContract extends ContractSection {
  private static final String LONGEST_KEY = "k".repeat(Limits.MAX_KEY_LENGTH);
  private static final List<String> BAD_KEYS = List.of(" ", "k".repeat(Limits.MAX_KEY_LENGTH + 1),
      "x".repeat(300_000), "line\nbreak", "nul\u0000", "del\u007f");
  private static final List<String> BAD_IDS = List.of(" ", "i".repeat(Limits.MAX_ID_LENGTH + 1),
      "x".repeat(300_000), "line\nbreak", "nul\u0000", "c1\u0085");

  /** Creates the section. */
  protected HostileInputContract() {}

  private Credits credits() {
    return f.credits();
  }

  private String audit() {
    StoreAudit audit = StoreAudit.of(f.store(), f.clock().instant(), List.of(ALICE));
    return audit.balances() + " " + audit.ledgers() + " " + audit.orders();
  }

  /** Every call a caller's idempotency key reaches, with that key. */
  private List<Consumer<String>> keyedCalls(HoldId hold, OrderId paid) {
    Instant later = f.clock().instant().plus(Duration.ofDays(1));
    return List.of(
        k -> credits().tokensConsumed(ALICE, CHAT, 1, k),
        k -> credits().holdTokens(ALICE, CHAT, 1, Duration.ofMinutes(5), k),
        k -> credits().captureHold(ALICE, CHAT, hold, 1, k),
        k -> credits().releaseHold(ALICE, CHAT, hold, k),
        k -> credits().grantTokens(ALICE, CHAT, 1, later, k),
        k -> credits().createOrder(chatPack().id(), ALICE, 1, null, k),
        k -> credits().refundOrder(paid, Money.ofMinor(1, "USD"), k));
  }

  /** Every call a caller's id or group reaches, with that id. */
  private List<Consumer<String>> idCalls() {
    return List.of(
        id -> credits().tokensConsumed(ALICE, id, 1, "key"),
        id -> credits().holdTokens(ALICE, id, 1, Duration.ofMinutes(5), "key"),
        id -> credits().tokensConsumed(UserId.of(id), CHAT, 1, "key"),
        id -> credits().getUserCredits(UserId.of(id)),
        id -> credits().getOrder(OrderId.of(id), ALICE),
        id -> credits().createOrder(OfferId.of(id), ALICE, 1),
        id -> credits().captureHold(ALICE, CHAT, HoldId.of(id), 1, "key"));
  }

  @Test
  @DisplayName("ids accept the longest allowed length and any non-control text; longer, blank or control characters are refused")
  void idRules() {
    String longest = "u".repeat(Limits.MAX_ID_LENGTH);
    assertThat(UserId.of(longest).value()).hasSize(Limits.MAX_ID_LENGTH);
    assertThat(UserId.of("Zoë-用户-\uD83D\uDE00").value()).isEqualTo("Zoë-用户-\uD83D\uDE00");
    for (String bad : List.of("", "  ", longest + "u", "tab\tid", "nul\u0000", "c1\u0085")) {
      assertThatThrownBy(() -> UserId.of(bad)).as("%s", bad).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> OrderId.of(bad)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> OfferId.of(bad)).isInstanceOf(InvalidRequestException.class);
    }
  }

  @Test
  @DisplayName("every keyed call refuses a bad key (a 300 KB one included) with a typed error and writes nothing")
  void badKeysWriteNothing() {
    save(credits(), chatPack());
    Order paid = buy(f, chatPack(), ALICE);
    HoldId hold = ((HoldResult.Held) credits().holdTokens(ALICE, CHAT, 10, Duration.ofMinutes(5), "h1")).hold().id();
    String before = audit();

    for (Consumer<String> call : keyedCalls(hold, paid.id())) {
      for (String bad : BAD_KEYS) {
        ThrowingCallable attempt = () -> call.accept(bad);
        assertThatThrownBy(attempt).isInstanceOf(InvalidRequestException.class);
      }
    }
    for (Consumer<String> call : idCalls()) {
      for (String bad : BAD_IDS) {
        ThrowingCallable attempt = () -> call.accept(bad);
        assertThatThrownBy(attempt).isInstanceOf(InvalidRequestException.class);
      }
    }

    assertThat(audit()).isEqualTo(before);
    assertThat(credits().tokensConsumed(ALICE, CHAT, 1, LONGEST_KEY)).isInstanceOf(Consumption.Spent.class);
  }

  @Test
  @DisplayName("after 10,000 refused calls the wallet still spends, holds and reads normally")
  void walletWorksAfterManyRefusals() {
    save(credits(), chatPack());
    Order paid = buy(f, chatPack(), ALICE);
    HoldId hold = ((HoldResult.Held) credits().holdTokens(ALICE, CHAT, 10, Duration.ofMinutes(5), "h1")).hold().id();
    List<Consumer<String>> keyed = keyedCalls(hold, paid.id());
    List<Consumer<String>> ids = idCalls();
    String before = audit();

    int refused = 0;
    for (int i = 0; i < 10_000; i++) {
      try {
        if (i % 2 == 0) {
          keyed.get(i / 2 % keyed.size()).accept(BAD_KEYS.get(i % BAD_KEYS.size()));
        } else {
          ids.get(i / 2 % ids.size()).accept(BAD_IDS.get(i % BAD_IDS.size()));
        }
      } catch (InvalidRequestException e) {
        refused++;
      }
    }

    assertThat(refused).isEqualTo(10_000);
    assertThat(audit()).isEqualTo(before);
    assertThat(credits().tokensConsumed(ALICE, CHAT, 5, "after")).isInstanceOf(Consumption.Spent.class);
    assertThat(credits().captureHold(ALICE, CHAT, hold, 10, "after-capture").spent()).isEqualTo(10);
    assertThat(balance(f, ALICE, CHAT)).isEqualTo(85);
  }

  @Test
  @DisplayName("an order records at most the documented number of failed attempts, and stays payable after more")
  void attemptsAreBounded() {
    save(credits(), chatPack());
    Order order = started(f, chatPack().id(), ALICE, 1);

    for (int i = 0; i < Limits.MAX_RECORDED_ATTEMPTS + 5; i++) {
      f.gateway().declineAttempt(order.id(), "card_declined_" + i);
      credits().confirmPayment(order.id(), ALICE);
    }

    Order after = credits().getOrder(order.id(), ALICE);
    assertThat(after.history()).filteredOn(h -> h.reason().startsWith("payment attempt failed"))
        .hasSize(Limits.MAX_RECORDED_ATTEMPTS);
    assertThat(f.events().of(CreditsEvent.PaymentAttemptFailed.class)).hasSize(Limits.MAX_RECORDED_ATTEMPTS);
    f.gateway().pay(order.id());
    assertThat(credits().confirmPayment(order.id(), ALICE).status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  @DisplayName("an order starts at most the documented number of payments; the next start is refused and writes nothing")
  void paymentsPerOrderAreBounded() {
    save(credits(), chatPack());
    Order order = started(f, chatPack().id(), ALICE, 1);
    for (int i = 1; i < Limits.MAX_PAYMENTS_PER_ORDER; i++) {
      f.gateway().cancel(credits().getOrder(order.id(), ALICE).payment().reference());
      credits().startPayment(order.id(), ALICE);
    }
    f.gateway().cancel(credits().getOrder(order.id(), ALICE).payment().reference());
    String before = audit();

    assertThatThrownBy(() -> credits().startPayment(order.id(), ALICE)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("MAX_PAYMENTS_PER_ORDER");

    assertThat(audit()).isEqualTo(before);
    assertThat(f.gateway().intentsCreated()).isEqualTo(Limits.MAX_PAYMENTS_PER_ORDER);
  }
}

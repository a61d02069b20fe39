package dev.credits.usage.dagger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits.core.Credits;
import dev.credits.core.dagger.CreditsSettings;
import dev.credits.core.event.CreditsEvent;
import dev.credits.core.memory.InMemoryCreditsStore;
import dev.credits.core.memory.InProcessEventBus;
import dev.credits.core.memory.SimulatedPaymentGateway;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.model.Order;
import dev.credits.core.model.OrderStatus;
import dev.credits.core.model.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Dagger wiring with CreditsModule")
class DaggerWiringTest {
  private static final UserId ALICE = UserId.of("alice");

  private static Offer pack() {
    return Offer.builder("pack", "500 tokens").group("chat").price("5.00", "USD").tokens(500).build();
  }

  @Test
  @DisplayName("the embedded defaults give a working facade: order, pay, spend")
  void embeddedDefaultsRunTheStory() {
    Credits credits = DaggerAppComponent.create().credits();
    credits.saveOffer(pack());

    Order order = credits.createOrder(OfferId.of("pack"), ALICE, 2);
    credits.startPayment(order.id(), ALICE);
    Order paid = credits.confirmPayment(order.id(), ALICE);
    Consumption spent = credits.tokensConsumed(ALICE, "chat", 120, "req-1");

    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(paid.total().minor()).isEqualTo(1000);
    assertThat(spent).isInstanceOf(Consumption.Spent.class);
    assertThat(credits.getUserCredits(ALICE).balance("chat")).isEqualTo(1000 - 120);
  }

  @Test
  @DisplayName("one component gives one facade, and the bus it exposes is the one the facade publishes to")
  void singletonsAreShared() {
    AppComponent app = DaggerAppComponent.create();
    List<CreditsEvent> seen = new ArrayList<>();
    app.events().subscribe(seen::add);

    Credits credits = app.credits();
    credits.saveOffer(pack());
    credits.createOrder(OfferId.of("pack"), ALICE, 1);

    assertThat(app.credits()).isSameAs(credits);
    assertThat(seen).singleElement().isInstanceOf(CreditsEvent.OrderCreated.class);
  }

  @Test
  @DisplayName("two components share nothing: each has its own in-memory store")
  void componentsAreIndependent() {
    Credits first = DaggerAppComponent.create().credits();
    Credits second = DaggerAppComponent.create().credits();
    first.saveOffer(pack());
    first.createOrder(OfferId.of("pack"), ALICE, 1);

    assertThat(second).isNotSameAs(first);
    assertThat(first.getOrders(ALICE)).hasSize(1);
    assertThat(second.getOrders(ALICE)).isEmpty();
  }

  @Test
  @DisplayName("without a settings binding the builder's defaults apply: 30 minutes to pay, no overdraft")
  void defaultsWithoutSettings() {
    Credits credits = DaggerAppComponent.create().credits();
    credits.saveOffer(pack());

    Order order = credits.createOrder(OfferId.of("pack"), ALICE, 1);

    assertThat(Duration.between(order.createdAt(), order.paymentDeadline())).isEqualTo(Duration.ofMinutes(30));
    assertThat(credits.tokensConsumed(ALICE, "postpaid", 10)).isInstanceOf(Consumption.Insufficient.class);
  }

  @Test
  @DisplayName("bound settings change the payment window and allow overdraft in their groups only")
  void settingsApply() {
    CreditsSettings settings = CreditsSettings.defaults().withPaymentWindow(Duration.ofMinutes(15))
        .withOverdraft("postpaid", 50);
    Credits credits = DaggerSettingsComponent.factory().create(settings).credits();
    credits.saveOffer(pack());

    Order order = credits.createOrder(OfferId.of("pack"), ALICE, 1);
    Consumption postpaid = credits.tokensConsumed(ALICE, "postpaid", 50);
    Consumption chat = credits.tokensConsumed(ALICE, "chat", 1);

    assertThat(Duration.between(order.createdAt(), order.paymentDeadline())).isEqualTo(Duration.ofMinutes(15));
    assertThat(postpaid).isInstanceOfSatisfying(Consumption.Spent.class,
        s -> assertThat(s.balance()).isEqualTo(-50));
    assertThat(chat).isInstanceOf(Consumption.Insufficient.class);
  }

  @Test
  @DisplayName("CreditsModule alone uses the store, gateway, publisher and clock the application binds")
  void ownParts() {
    Instant t0 = Instant.parse("2026-01-31T10:00:00Z");
    Clock clock = Clock.fixed(t0, ZoneOffset.UTC);
    InMemoryCreditsStore store = new InMemoryCreditsStore();
    InProcessEventBus bus = new InProcessEventBus();
    List<CreditsEvent> seen = new ArrayList<>();
    bus.subscribe(seen::add);

    Credits credits = DaggerOwnPartsComponent.factory().create(store, new SimulatedPaymentGateway(), bus, clock)
        .credits();
    credits.saveOffer(pack());
    Order order = credits.createOrder(OfferId.of("pack"), ALICE, 1);

    assertThat(credits.clock()).isSameAs(clock);
    assertThat(order.createdAt()).isEqualTo(t0);
    assertThat(store.orders().find(order.id())).isPresent();
    assertThat(seen).singleElement().isInstanceOf(CreditsEvent.OrderCreated.class);
  }
}

package dev.credits.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.credits.core.model.Money;
import dev.credits.core.model.OrderId;
import dev.credits.core.model.PaymentRequest;
import dev.credits.core.model.UserId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Secrets")
class SecretsTest {
  private final StripeStub stub = StripeStub.start();

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  @DisplayName("appear in no log line, exception message or stack trace, whatever goes wrong")
  void neverWritten() {
    StripePaymentGateway gateway = TestGateways.against(stub, 0, Duration.ofMillis(1500))
        .customers(u -> Optional.of("cus_" + u.value())).build();
    List<Throwable> thrown = new ArrayList<>();
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      String id = gateway.createIntent(new PaymentRequest(OrderId.of("o1"), UserId.of("u1"),
          Money.parse("1.00", "USD"), "k1", "d")).reference();
      stub.failNext(1);
      thrown.add(catchThrowable(() -> gateway.createIntent(new PaymentRequest(OrderId.of("o2"), UserId.of("u1"),
          Money.parse("1.00", "USD"), "k2", "d"))));
      stub.stallNext(1, Duration.ofSeconds(5));
      gateway.inspect(id);
      stub.failNext(1);
      gateway.inspect(id);
      stub.failNext(1);
      thrown.add(catchThrowable(() -> gateway.refund(id, Money.parse("1.00", "USD"), "r1")));
      stub.failNext(1);
      thrown.add(catchThrowable(() -> gateway.customerBalance(UserId.of("u1"))));
      thrown.add(catchThrowable(() -> gateway.parseWebhook("{}", Map.of("Stripe-Signature",
          SignedEvents.header("{}", "whsec_other", Instant.now())))));
      gateway.refund(id, Money.parse("0.50", "USD"), "r2");
    } finally {
      System.setErr(err);
    }

    String log = logged.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("could not be read").contains("payment intent " + "pi_stub1");
    assertThat(thrown).hasSize(4).doesNotContainNull();
    StringWriter traces = new StringWriter();
    thrown.forEach(t -> t.printStackTrace(new PrintWriter(traces)));
    for (String secret : List.of(TestGateways.SECRET_KEY, TestGateways.WEBHOOK_SECRET)) {
      assertThat(log).doesNotContain(secret);
      assertThat(traces.toString()).doesNotContain(secret);
      assertThat(gateway.toString()).doesNotContain(secret);
    }
  }
}

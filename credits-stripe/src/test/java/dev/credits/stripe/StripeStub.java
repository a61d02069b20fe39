package dev.credits.stripe;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Stripe's API on 127.0.0.1 (a random port), built on the JDK's HttpServer. It
 * serves JSON shaped like Stripe's PaymentIntent, Refund, Customer and error objects, honours
 * {@code Idempotency-Key} like Stripe (the same key on the same endpoint replays the first answer,
 * errors included), records every request, and can be scripted to answer 500 or to stall.
 *
 * <p>{@code POST /v1/payment_intents/{id}/cancel} cancels like Stripe: an intent in a
 * {@code requires_*} status becomes {@code canceled}; a succeeded, processing or canceled one is
 * answered 400 with code {@code payment_intent_unexpected_state} and the intent in the error.
 */
final class StripeStub implements AutoCloseable {
  /** One request as the stub received it. */
  record Request(String method, String path, Map<String, String> form, String idempotencyKey, String authorization) {}

  private record Reply(int status, String body) {}

  private static final String INTENTS = "/v1/payment_intents/";
  private static final String CANCEL = "/cancel";
  /** The statuses Stripe lets a PaymentIntent be cancelled from (processing only in rare cases: here never). */
  private static final Set<String> CANCELLABLE = Set.of("requires_payment_method", "requires_capture",
      "requires_confirmation", "requires_action");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Reply> replays = new HashMap<>();
  private final Map<String, JsonObject> intents = new LinkedHashMap<>();
  private final Map<String, JsonObject> refunds = new LinkedHashMap<>();
  private final Map<String, JsonObject> customers = new HashMap<>();
  private int failures;
  private int cancelRefusals;
  private int stalls;
  private Duration stall = Duration.ZERO;
  private String refundStatus = "succeeded";
  private int sequence;

  private StripeStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static StripeStub start() {
    try {
      return new StripeStub();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the stub", e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  // ---- scripting ----

  /** The next {@code n} requests are answered 500 with a Stripe api_error, before any processing. */
  synchronized void failNext(int n) {
    failures = n;
  }

  /** The next {@code n} requests wait {@code delay} before they are answered. */
  synchronized void stallNext(int n, Duration delay) {
    stalls = n;
    stall = delay;
  }

  /**
   * The next {@code n} cancel requests are refused 400 payment_intent_unexpected_state whatever the
   * intent's status (and, like any answer, remembered under their idempotency key).
   */
  synchronized void refuseCancels(int n) {
    cancelRefusals = n;
  }

  /** Refunds from now on are created in this status. */
  synchronized void refundsEndIn(String status) {
    refundStatus = status;
  }

  /** Sets an intent's status, e.g. {@code processing}; {@code succeeded} also sets amount_received. */
  synchronized void setStatus(String intentId, String status) {
    JsonObject intent = intent(intentId);
    intent.addProperty("status", status);
    if (!"requires_payment_method".equals(status)) {
      intent.remove("last_payment_error"); // Stripe clears it when the intent moves on
    }
    if ("succeeded".equals(status)) {
      intent.addProperty("amount_received", intent.get("amount").getAsLong());
    }
  }

  /** An attempt failed: back to requires_payment_method, with a last_payment_error. */
  synchronized void decline(String intentId, String declineCode) {
    JsonObject error = new JsonObject();
    error.addProperty("type", "card_error");
    error.addProperty("code", "card_declined");
    error.addProperty("decline_code", declineCode);
    JsonObject intent = intent(intentId);
    intent.addProperty("status", "requires_payment_method");
    intent.add("last_payment_error", error);
  }

  /** Cancelled outside the library (the Dashboard, another system). */
  synchronized void cancel(String intentId, String reason) {
    JsonObject intent = intent(intentId);
    intent.addProperty("status", "canceled");
    intent.addProperty("cancellation_reason", reason);
  }

  /** Adds a customer; {@code currency} null for one who never had a balance. */
  synchronized void putCustomer(String id, long balance, String currency, boolean deleted) {
    JsonObject customer = new JsonObject();
    customer.addProperty("id", id);
    customer.addProperty("object", "customer");
    if (deleted) {
      customer.addProperty("deleted", true);
    } else {
      customer.addProperty("balance", balance);
      customer.addProperty("currency", currency);
    }
    customers.put(id, customer);
  }

  // ---- observing ----

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Request> requests(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
  }

  /** The cancel requests received for one intent. */
  synchronized List<Request> cancelRequests(String intentId) {
    return requests("POST", INTENTS + intentId + CANCEL);
  }

  synchronized int intentsCreated() {
    return intents.size();
  }

  synchronized int refundsCreated() {
    return refunds.size();
  }

  synchronized JsonObject intent(String id) {
    JsonObject intent = intents.get(id);
    if (intent == null) {
      throw new IllegalArgumentException("no intent " + id);
    }
    return intent;
  }

  // ---- serving ----

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), form(body),
          exchange.getRequestHeaders().getFirst("Idempotency-Key"),
          exchange.getRequestHeaders().getFirst("Authorization"));
      Duration wait = record(request);
      if (!wait.isZero()) {
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Reply reply = answer(request);
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Request-Id", "req_stub_" + requests().size());
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client gave up (a read timeout): nothing to answer
    }
  }

  private synchronized Duration record(Request request) {
    requests.add(request);
    if (stalls > 0) {
      stalls--;
      return stall;
    }
    return Duration.ZERO;
  }

  private synchronized Reply answer(Request request) {
    if (failures > 0) {
      failures--;
      return error(500, "api_error", null, "An unknown error occurred");
    }
    String replayKey = request.idempotencyKey() == null ? null
        : request.method() + " " + request.path() + " " + request.idempotencyKey();
    if (replayKey != null && replays.containsKey(replayKey)) {
      return replays.get(replayKey);
    }
    Reply reply = route(request);
    if (replayKey != null) {
      replays.put(replayKey, reply);
    }
    return reply;
  }

  private Reply route(Request request) {
    String path = request.path();
    boolean post = "POST".equals(request.method());
    if (post && path.equals("/v1/payment_intents")) {
      return createIntent(request.form());
    }
    if (post && path.startsWith(INTENTS) && path.endsWith(CANCEL)) {
      return cancelIntent(path.substring(INTENTS.length(), path.length() - CANCEL.length()), request.form());
    }
    if (!post && path.startsWith(INTENTS)) {
      return found(intents.get(path.substring(INTENTS.length())));
    }
    if (post && path.equals("/v1/refunds")) {
      return createRefund(request.form());
    }
    if (!post && path.startsWith("/v1/customers/")) {
      return found(customers.get(path.substring("/v1/customers/".length())));
    }
    return error(404, "invalid_request_error", "resource_missing", "Unrecognized request URL");
  }

  private Reply createIntent(Map<String, String> form) {
    String id = "pi_stub" + (++sequence);
    JsonObject intent = newIntent(id, Long.parseLong(form.get("amount")), form.get("currency"));
    intent.addProperty("customer", form.get("customer"));
    intent.addProperty("description", form.get("description"));
    JsonObject metadata = intent.getAsJsonObject("metadata");
    form.forEach((k, v) -> {
      if (k.startsWith("metadata[") && k.endsWith("]")) {
        metadata.addProperty(k.substring("metadata[".length(), k.length() - 1), v);
      }
    });
    intents.put(id, intent);
    return new Reply(200, intent.toString());
  }

  private static JsonObject newIntent(String id, long amount, String currency) {
    JsonObject intent = new JsonObject();
    intent.addProperty("id", id);
    intent.addProperty("object", "payment_intent");
    intent.addProperty("amount", amount);
    intent.addProperty("amount_received", 0);
    intent.addProperty("currency", currency);
    intent.addProperty("status", "requires_payment_method");
    intent.addProperty("client_secret", id + "_secret_stub");
    intent.add("cancellation_reason", JsonNull.INSTANCE);
    intent.addProperty("created", 1_769_853_600L);
    intent.addProperty("livemode", false);
    intent.add("metadata", new JsonObject());
    return intent;
  }

  private Reply cancelIntent(String id, Map<String, String> form) {
    JsonObject intent = intents.get(id);
    if (intent == null) {
      return error(404, "invalid_request_error", "resource_missing", "No such payment_intent: '" + id + "'");
    }
    String status = intent.get("status").getAsString();
    boolean refuse = cancelRefusals > 0;
    if (refuse) {
      cancelRefusals--;
    }
    if (refuse || !CANCELLABLE.contains(status)) {
      Reply refused = error(400, "invalid_request_error", "payment_intent_unexpected_state",
          "You cannot cancel this PaymentIntent because it has a status of " + status + ". Only a PaymentIntent with"
              + " one of the following statuses may be canceled: " + String.join(", ", new TreeSet<>(CANCELLABLE))
              + ".");
      JsonObject body = JsonParser.parseString(refused.body()).getAsJsonObject();
      body.getAsJsonObject("error").add("payment_intent", intent.deepCopy());
      return new Reply(refused.status(), body.toString());
    }
    intent.addProperty("status", "canceled");
    String reason = form.get("cancellation_reason");
    if (reason != null) {
      intent.addProperty("cancellation_reason", reason);
    }
    intent.addProperty("canceled_at", 1_769_853_700L);
    return new Reply(200, intent.toString());
  }

  private Reply createRefund(Map<String, String> form) {
    JsonObject intent = intents.get(form.get("payment_intent"));
    if (intent == null) {
      return error(400, "invalid_request_error", "resource_missing", "No such payment_intent");
    }
    String id = "re_stub" + (++sequence);
    JsonObject refund = new JsonObject();
    refund.addProperty("id", id);
    refund.addProperty("object", "refund");
    refund.addProperty("amount", Long.parseLong(form.get("amount")));
    refund.addProperty("currency", intent.get("currency").getAsString());
    refund.addProperty("payment_intent", form.get("payment_intent"));
    refund.addProperty("status", refundStatus);
    refunds.put(id, refund);
    return new Reply(200, refund.toString());
  }

  private static Reply found(JsonObject object) {
    return object != null ? new Reply(200, object.toString())
        : error(404, "invalid_request_error", "resource_missing", "No such object");
  }

  private static Reply error(int status, String type, String code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("type", type);
    error.addProperty("code", code);
    error.addProperty("message", message);
    JsonObject body = new JsonObject();
    body.add("error", error);
    return new Reply(status, body.toString());
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(key, value);
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package dev.tollgate.functions.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A priced route in front of an API: the gateway answers the 402, takes the payment, forwards the
 * request (method, path below the prefix, query, body, headers without the payment's) to the origin
 * and returns the origin's answer with {@code PAYMENT-RESPONSE}. An unpaid request never reaches
 * the origin; an origin that fails is answered {@code 502}/{@code 504} with the payment taken once,
 * and the payer's re-send with its proof tries again at no charge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamRouteTest {
  private static final String API = "/paid/api/";
  private static final BigInteger PRICE = BigInteger.valueOf(700);
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> mode = new AtomicReference<>("ok");
  private HttpServer origin;
  private GatewayStack stack;

  record Seen(
      String method, String path, String query, Map<String, List<String>> headers, String body) {}

  @BeforeAll
  void start() throws Exception {
    origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    origin.createContext("/v1/", this::answer);
    // One thread per call, so a slow answer does not hold up the next request.
    origin.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    origin.start();
    Map<String, Object> p = new HashMap<>();
    p.put("tollgate.signer.mode", "local");
    p.put("tollgate.signer.private-key", GatewayStack.GATEWAY_KEY);
    p.put("tollgate.paywall.routes.api.prefix", API);
    p.put("tollgate.paywall.routes.api.price", PRICE.toString());
    p.put("tollgate.paywall.routes.api.description", "One API call");
    p.put(
        "tollgate.paywall.routes.api.upstream",
        "http://127.0.0.1:" + origin.getAddress().getPort() + "/v1/");
    p.put("tollgate.paywall.upstream-timeout-seconds", 1);
    stack = GatewayStack.start(p);
  }

  @AfterAll
  void stop() {
    stack.close();
    origin.stop(0);
  }

  private void answer(HttpExchange e) throws IOException {
    String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(
        new Seen(
            e.getRequestMethod(),
            e.getRequestURI().getRawPath(),
            e.getRequestURI().getRawQuery(),
            Map.copyOf(e.getRequestHeaders()),
            body));
    switch (mode.get()) {
      case "drop" -> e.close();
      case "slow" -> {
        try {
          Thread.sleep(3_000);
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
        e.close();
      }
      default -> {
        byte[] out =
            ("{\"symbol\":\"ACME\",\"echo\":\"" + body + "\"}").getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("content-type", "application/json");
        e.getResponseHeaders().add("x-origin", "yes");
        e.getResponseHeaders().add("payment-response", "forged-by-the-origin");
        e.sendResponseHeaders(201, out.length);
        e.getResponseBody().write(out);
        e.close();
      }
    }
  }

  @Test
  void aPaidRequestIsForwardedAndAnsweredWithTheOriginsResponse() throws Exception {
    mode.set("ok");
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    String path = API + "quotes?symbol=ACME&day=2";
    seen.clear();

    LambdaInvoker.Response unpaid = stack.lambda().get(path, Map.of("x-client", "7"));
    assertThat(unpaid.status()).isEqualTo(402);
    assertThat(seen).as("an unpaid request never reaches the origin").isEmpty();
    PaymentRequirements quote =
        X402Headers.decodePaymentRequired(unpaid.header(X402Headers.PAYMENT_REQUIRED))
            .value()
            .accepts()
            .get(0);
    String header = HttpPayer.paymentHeader(API + "quotes", quote, payer.createFor(quote));
    LambdaInvoker.Response paid =
        stack.lambda().get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header, "x-client", "7"));
    HttpPayer.Paid taken = payer.settled(paid, header);

    assertThat(paid.status()).as(paid.body()).isEqualTo(201);
    assertThat(ChannelJson.parse(paid.body()).get("symbol").asText()).isEqualTo("ACME");
    assertThat(paid.findHeader("x-origin")).contains("yes");
    assertThat(taken.settlement().success()).isTrue();
    assertThat(seen).hasSize(1);
    Seen call = seen.get(0);
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.path()).isEqualTo("/v1/quotes");
    assertThat(call.query()).isEqualTo("symbol=ACME&day=2");
    assertThat(lower(call.headers())).containsKey("x-client");
    assertThat(lower(call.headers()))
        .doesNotContainKeys("payment-signature", "tollgate-resend", "x-forwarded-for");
    assertCharged(payer, PRICE);
  }

  @Test
  void aPostIsForwardedWithItsBody() throws Exception {
    mode.set("ok");
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    PaymentRequirements quote = payer.quote(API + "orders");
    String header = HttpPayer.paymentHeader(API + "orders", quote, payer.createFor(quote));
    seen.clear();

    LambdaInvoker.Response r =
        stack
            .lambda()
            .post(
                API + "orders",
                Map.of(X402Headers.PAYMENT_SIGNATURE, header, "content-type", "text/plain"),
                "buy-1");
    payer.settled(r, header);

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(seen)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.method()).isEqualTo("POST");
              assertThat(s.body()).isEqualTo("buy-1");
            });
    assertCharged(payer, PRICE);
  }

  @Test
  void anOriginThatFailsIsAnsweredClearlyChargedOnceAndRetriedOnTheResend() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    String path = API + "flaky";
    PaymentRequirements quote = payer.quote(path);
    String header = HttpPayer.paymentHeader(path, quote, payer.createFor(quote));

    mode.set("drop");
    LambdaInvoker.Response dropped =
        stack.lambda().get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header));
    payer.settled(dropped, header);
    assertThat(dropped.status()).as(dropped.body()).isEqualTo(502);
    assertThat(ChannelJson.parse(dropped.body()).get("error").asText())
        .isEqualTo("origin_unavailable");
    assertThat(ChannelJson.parse(dropped.body()).get("detail").asText())
        .contains("TOLLGATE-RESEND");
    assertThat(dropped.findHeader(X402Headers.PAYMENT_RESPONSE)).isPresent();
    assertCharged(payer, PRICE);

    mode.set("slow");
    LambdaInvoker.Response slow = payer.resend(path, header, 1);
    assertThat(slow.status()).as(slow.body()).isEqualTo(504);
    assertThat(ChannelJson.parse(slow.body()).get("error").asText()).isEqualTo("origin_timeout");
    assertCharged(payer, PRICE);

    mode.set("ok");
    LambdaInvoker.Response retried = payer.resend(path, header, 2);
    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(retried.findHeader(X402Headers.PAYMENT_RESPONSE)).isPresent();
    assertCharged(payer, PRICE);
    // A copy without the payer's proof is not forwarded.
    seen.clear();
    LambdaInvoker.Response copy =
        stack.lambda().get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header));
    assertThat(copy.status()).isEqualTo(409);
    assertThat(seen).isEmpty();
  }

  /**
   * A payer re-sending a payment the origin already answered reaches the origin again: each resend
   * proof forwards once, and no more than {@code tollgate.paywall.max-resends} (3) times.
   */
  @Test
  void onePaymentReachesTheOriginAtMostOncePlusItsBoundedResends() throws Exception {
    mode.set("ok");
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    String path = API + "bounded";
    PaymentRequirements quote = payer.quote(path);
    String header = HttpPayer.paymentHeader(path, quote, payer.createFor(quote));
    seen.clear();

    LambdaInvoker.Response first =
        stack.lambda().get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header));
    payer.settled(first, header);
    for (long n = 1; n <= 3; n++) {
      assertThat(payer.resend(path, header, n).status()).isEqualTo(201);
    }
    LambdaInvoker.Response fourth = payer.resend(path, header, 4);

    assertThat(first.status()).isEqualTo(201);
    assertThat(fourth.status()).as(fourth.body()).isEqualTo(409);
    assertThat(ChannelJson.parse(fourth.body()).get("error").asText())
        .isEqualTo("resend_limit_reached");
    assertThat(seen).hasSize(4);
    assertCharged(payer, PRICE);
  }

  @Test
  void aRouteWithoutAnOriginTakesNoPost() {
    LambdaInvoker.Response r =
        stack.lambda().post(GatewayStack.ARTICLES + "x", Map.of("content-type", "text/plain"), "x");
    assertThat(r.status()).isEqualTo(405);
    assertThat(ChannelJson.parse(r.body()).get("error").asText()).isEqualTo("method_not_allowed");
  }

  private static Map<String, List<String>> lower(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new HashMap<>();
    headers.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return out;
  }

  private void assertCharged(HttpPayer payer, BigInteger spent) {
    LambdaInvoker.Response r = payer.readChannel();
    Channel stored = ChannelJson.channel(ChannelJson.parse(r.body()).get("latest"), "latest");
    assertThat(stored.state().balances().get(0).amount(0).value()).isEqualTo(spent);
    assertThat(stored.state().balances().get(0).amount(1).value())
        .isEqualTo(DEPOSIT.subtract(spent));
    assertThat(stored.activeTransfers()).isEmpty();
    assertThat(Conservation.heldAndLocked(stored)).isEqualTo(DEPOSIT);
  }
}

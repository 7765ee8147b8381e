package dev.tollgate.paywall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.ResourceInfo;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paywall against a fake gateway on the JDK's HTTP server: what it sends to {@code /quote} and
 * {@code /settle}, and what it makes of each kind of answer. The real gateway is in
 * sample-paywall's tests, through the sample site.
 */
class PaywallTest {
  private static final String TOKEN = "the-publisher-token";
  private static final String URL = "https://news.example/articles/a/content";
  private static final BigInteger PRICE = BigInteger.valueOf(1_500);
  private static final String NETWORK = "eip155:31337";
  private static final Address ALICE = address(0xaa);
  private static final Address BOB = address(0xbb);
  private static final Address CHANNEL = address(0xcc);
  private static final Address ASSET = address(0xdd);
  private static final Address HASHLOCK = address(0xee);
  private static final Bytes32 TRANSFER = bytes32(0x11);

  private HttpServer gateway;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile int settleStatus = 500;
  private volatile String settleBody = "{}";
  private int quotes;

  /** One request the fake gateway received. */
  record Call(String path, String authorization, JsonNode body) {}

  @BeforeEach
  void startGateway() throws IOException {
    gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext(
        "/quote",
        e -> {
          record(e);
          answer(e, 200, "{}", "quote-" + ++quotes);
        });
    gateway.createContext(
        "/settle",
        e -> {
          record(e);
          answer(e, settleStatus, settleBody, null);
        });
    gateway.start();
  }

  @AfterEach
  void stopGateway() {
    gateway.stop(0);
  }

  @Test
  void noPaymentIsAnsweredWithTheGatewaysQuoteAsA402() {
    Paywall.Outcome outcome =
        paywall().charge(PaywallRequest.of(URL, null, null), "An article", PRICE);

    PaywallAnswer answer = notServed(outcome);
    assertThat(answer.status()).isEqualTo(402);
    assertThat(answer.header("PAYMENT-REQUIRED")).contains("quote-1");
    assertThat(answer.bodyText()).contains("payment_required", "An article costs 1500");
    assertThat(calls).hasSize(1);
    Call quote = calls.get(0);
    assertThat(quote.path()).isEqualTo("/quote");
    assertThat(quote.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(quote.body().at("/resource/url").asText()).isEqualTo(URL);
    assertThat(quote.body().at("/resource/description").asText()).isEqualTo("An article");
    assertThat(quote.body().path("amount").asText()).isEqualTo("1500");
  }

  @Test
  void aPaymentTheGatewayRefusesIsPassedOnWithAFreshQuote() {
    settleStatus = 402;
    settleBody =
        "{\"success\":false,\"errorReason\":\"below_price\",\"errorMessage\":\"the quote is for"
            + " 100\",\"transaction\":\"\",\"network\":\""
            + NETWORK
            + "\"}";

    Paywall.Outcome outcome =
        paywall()
            .charge(PaywallRequest.of(URL, payment(PRICE), "a-resend-proof"), "An article", PRICE);

    PaywallAnswer answer = notServed(outcome);
    assertThat(answer.status()).isEqualTo(402);
    SettlementResponse passedOn =
        X402Headers.decodePaymentResponse(answer.header("PAYMENT-RESPONSE").orElseThrow()).value();
    assertThat(passedOn.success()).isFalse();
    assertThat(passedOn.errorReason()).contains("below_price");
    assertThat(answer.header("PAYMENT-REQUIRED")).as("a fresh quote").contains("quote-1");
    assertThat(answer.bodyText()).contains("below_price", "the quote is for 100");

    Call settle = calls.get(0);
    assertThat(settle.path()).isEqualTo("/settle");
    assertThat(settle.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(settle.body().path("resource").asText()).isEqualTo(URL);
    assertThat(settle.body().path("price").asText()).isEqualTo("1500");
    assertThat(settle.body().path("resend").asText()).isEqualTo("a-resend-proof");
    assertThat(settle.body().at("/paymentPayload/accepted/scheme").asText())
        .isEqualTo(PaymentRequirements.SCHEME);
  }

  @Test
  void aRefusalOtherThanA402KeepsItsStatusAndGetsNoQuote() {
    settleStatus = 409;
    settleBody =
        "{\"success\":false,\"errorReason\":\"stale_update\",\"transaction\":\"\",\"network\":\""
            + NETWORK
            + "\",\"nonce\":7}";

    PaywallAnswer answer =
        notServed(paywall().charge(PaywallRequest.of(URL, payment(PRICE), null), "A", PRICE));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.header("PAYMENT-RESPONSE")).isPresent();
    assertThat(answer.header("PAYMENT-REQUIRED")).isEmpty();
    assertThat(answer.bodyText()).contains("stale_update", "\"nonce\":7");
    assertThat(calls).extracting(Call::path).containsExactly("/settle");
    assertThat(calls.get(0).body().has("resend")).isFalse();
  }

  @Test
  void aSettlementWhoseCreateLocksLessThanThePriceIsNotServed() {
    settleStatus = 200;
    settleBody = settled(PRICE.subtract(BigInteger.ONE));

    PaywallAnswer answer =
        notServed(paywall().charge(PaywallRequest.of(URL, payment(PRICE), null), "A", PRICE));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.bodyText()).contains("settled_below_price");
    assertThat(answer.header("PAYMENT-RESPONSE")).isEmpty();
  }

  @Test
  void aSettlementAtThePriceIsServedWithItsReceipt() {
    settleStatus = 200;
    settleBody = settled(PRICE);
    Paywall paywall = paywall();

    Paywall.Outcome outcome =
        paywall.charge(PaywallRequest.of(URL, payment(PRICE), null), "An article", PRICE);

    assertThat(outcome).isInstanceOf(Paywall.Paid.class);
    Paywall.Paid paid = (Paywall.Paid) outcome;
    assertThat(paid.served()).isTrue();
    assertThat(X402Headers.decodePaymentResponse(paid.paymentResponse()).value().success())
        .isTrue();
    assertThat(paid.receipt())
        .isEqualTo(new Receipt(URL, TRANSFER.toHex(), BOB.toChecksumHex(), 1_000 + 60));
    assertThat(paid.answer("text/plain").build().header("PAYMENT-RESPONSE"))
        .contains(paid.paymentResponse());

    String token = paid.receiptToken().orElseThrow();
    calls.clear();
    Paywall.Outcome again =
        paywall.charge(PaywallRequest.of(URL, null, null).withReceipt(token), "An article", PRICE);
    assertThat(again).isEqualTo(new Paywall.Reread(paid.receipt()));
    assertThat(calls).as("a receipt needs no gateway").isEmpty();
    Paywall.Outcome elsewhere =
        paywall.charge(
            PaywallRequest.of(URL.replace("/a/", "/b/"), null, null).withReceipt(token),
            "B",
            PRICE);
    assertThat(elsewhere.served()).as("the receipt is for another resource").isFalse();
  }

  @Test
  void twoPaymentsOrAMalformedOneAreRefusedWithoutTheGateway() {
    PaywallAnswer two =
        notServed(
            paywall()
                .charge(
                    PaywallRequest.of(URL, null, null)
                        .withPaymentSignatures(List.of(payment(PRICE), payment(PRICE))),
                    "A",
                    PRICE));
    assertThat(two.status()).isEqualTo(400);
    assertThat(two.bodyText()).contains("invalid_payload", "2 PAYMENT-SIGNATURE headers");

    PaywallAnswer malformed =
        notServed(paywall().charge(PaywallRequest.of(URL, "not base64!", null), "A", PRICE));
    assertThat(malformed.status()).isBetween(400, 499);
    assertThat(calls).isEmpty();
  }

  @Test
  void aGatewayThatDoesNotAnswerIsReportedAsUnreachable() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Paywall down =
        Paywall.builder()
            .gateway(URI.create("http://127.0.0.1:" + closed))
            .publisherToken(TOKEN)
            .build();

    for (String payment : new String[] {null, payment(PRICE)}) {
      PaywallAnswer answer =
          notServed(down.charge(PaywallRequest.of(URL, payment, null), "A", PRICE));
      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.bodyText()).contains("gateway_unreachable", "127.0.0.1:" + closed);
    }
  }

  private Paywall paywall() {
    return Paywall.builder()
        .gateway(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()))
        .publisherToken(TOKEN)
        .clock(() -> 1_000)
        .receiptSeconds(60)
        .receiptSecret(new byte[32])
        .build();
  }

  private static PaywallAnswer notServed(Paywall.Outcome outcome) {
    assertThat(outcome).isInstanceOf(Paywall.NotServed.class);
    assertThat(outcome.served()).isFalse();
    return ((Paywall.NotServed) outcome).answer();
  }

  /** A {@code PAYMENT-SIGNATURE} whose create locks {@code amount}: the fake never checks it. */
  private static String payment(BigInteger amount) {
    QuoteExtra extra =
        new QuoteExtra(
            address(0x01),
            address(0x02),
            HASHLOCK,
            Uint256.of(3_600),
            bytes32(0x22),
            Uint256.ZERO,
            "a-quote-id",
            2_000);
    PaymentRequirements accepted =
        new PaymentRequirements(
            PaymentRequirements.SCHEME, NETWORK, Uint256.of(amount), ASSET, ALICE, 60, extra);
    return X402Headers.encode(PaymentPayload.of(ResourceInfo.of(URL), accepted, create(amount)));
  }

  /** The gateway's SettlementResponse for a create locking {@code locked}. */
  private static String settled(BigInteger locked) {
    ChannelUpdate resolve =
        new ChannelUpdate(
            CHANNEL,
            ALICE,
            BOB,
            6,
            new Balance(Uint256.of(locked), Uint256.of(10_000), ALICE, BOB),
            ASSET,
            new UpdateDetails.Resolve(
                TRANSFER, HASHLOCK, new HashlockResolver(bytes32(0x33)), Bytes32.ZERO),
            Optional.empty(),
            Optional.empty());
    return SettlementResponse.settled(NETWORK, BOB, TRANSFER, create(locked), resolve)
        .toJson()
        .toString();
  }

  private static ChannelUpdate create(BigInteger locked) {
    return new ChannelUpdate(
        CHANNEL,
        BOB,
        ALICE,
        5,
        new Balance(Uint256.ZERO, Uint256.of(10_000), ALICE, BOB),
        ASSET,
        new UpdateDetails.Create(
            TRANSFER,
            new Balance(Uint256.of(locked), Uint256.ZERO, ALICE, BOB),
            HASHLOCK,
            Uint256.of(3_600),
            new HashlockState(bytes32(0x22), Uint256.ZERO),
            List.of(HashlockTransfer.STATE_ENCODING, HashlockTransfer.RESOLVER_ENCODING),
            bytes32(0x44)),
        Optional.empty(),
        Optional.empty());
  }

  private void record(HttpExchange e) throws IOException {
    byte[] body = e.getRequestBody().readAllBytes();
    calls.add(
        new Call(
            e.getRequestURI().getPath(),
            e.getRequestHeaders().getFirst("Authorization"),
            Json.MAPPER.readTree(new String(body, StandardCharsets.UTF_8))));
  }

  private static void answer(HttpExchange e, int status, String body, String paymentRequired)
      throws IOException {
    try (e) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      e.getResponseHeaders().add("Content-Type", "application/json");
      if (paymentRequired != null) {
        e.getResponseHeaders().add("PAYMENT-REQUIRED", paymentRequired);
      }
      e.sendResponseHeaders(status, bytes.length);
      e.getResponseBody().write(bytes);
    }
  }

  private static Address address(int b) {
    byte[] bytes = new byte[20];
    java.util.Arrays.fill(bytes, (byte) b);
    return Address.of(bytes);
  }

  private static Bytes32 bytes32(int b) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) b);
    return Bytes32.of(bytes);
  }
}

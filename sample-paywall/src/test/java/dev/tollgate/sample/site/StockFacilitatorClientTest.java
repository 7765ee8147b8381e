package dev.tollgate.sample.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.paywall.GatewayClient;
import dev.tollgate.sample.NodeScript;
import dev.tollgate.sample.SharedStack;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway behind x402's own facilitator client ({@code @x402/core} 2.27.0's {@code
 * HTTPFacilitatorClient}, pinned in package.json): a publisher's server quotes through the gateway,
 * and settles the Java payer's genuine payment through the stock client's {@code getSupported},
 * {@code verify} and {@code settle} (run by {@code src/e2e/x402-facilitator.mjs}). Every answer
 * passes the client's schemas; a payment below the server's price is an answer, not an error, and
 * charges nothing; the payment is charged exactly once, on both sides.
 */
class StockFacilitatorClientTest {
  private static final BigInteger PRICE = BigInteger.valueOf(1_200);

  @Test
  void aPaymentSettlesThroughTheStockFacilitatorClient(@TempDir Path dir) throws Exception {
    AtomicReference<JsonNode> answers = new AtomicReference<>();
    String resource = SharedStack.site("/x402/report").toString();
    GatewayClient gateway =
        new GatewayClient(SharedStack.get().gatewayUrl(), SharedStack.get().publisherToken());
    HttpServer publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    publisher.createContext("/x402/report", e -> serve(e, gateway, resource, dir, answers));
    publisher.start();
    try {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      TollgateClient reader =
          FundedReaders.funded(dir, LocalKeySigner.fromPrivateKey(key), HttpClient.newHttpClient());
      BigInteger opened = reader.balance().value();
      SharedStack.Revenue before = SharedStack.revenue();

      HttpResponse<String> paid =
          reader.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + publisher.getAddress().getPort() + "/x402/report"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
      JsonNode a = answers.get();
      JsonNode kind = a.get("supported").get("kinds").get(0);
      assertThat(kind.get("scheme").asText()).isEqualTo("vector-hashlock");
      assertThat(kind.get("network").asText()).isEqualTo("eip155:31337");
      assertThat(a.get("refusedVerify").get("isValid").asBoolean()).isFalse();
      assertThat(a.get("refusedVerify").get("invalidReason").asText()).isEqualTo("invalid_payload");
      assertThat(a.get("refusedVerify").get("invalidMessage").asText()).startsWith("below_price:");
      assertThat(a.get("refusedSettle").toString()).contains("invalid_payload");
      assertThat(a.get("verify").get("isValid").asBoolean()).isTrue();
      JsonNode settle = a.get("settle");
      assertThat(settle.get("success").asBoolean()).isTrue();
      assertThat(settle.get("transaction").asText()).startsWith("0x");
      assertThat(settle.get("extensions").get("vector-hashlock").has("resolveUpdate")).isTrue();
      assertThat(opened.subtract(reader.balance().value())).isEqualTo(PRICE);
      SharedStack.Revenue after = SharedStack.revenue();
      assertThat(after.total().subtract(before.total())).isEqualTo(PRICE);
      assertThat(after.payments() - before.payments()).isEqualTo(1);
    } finally {
      publisher.stop(0);
    }
  }

  /**
   * A publisher's server: the gateway's quote on a 402, the stock facilitator client on a payment.
   */
  private static void serve(
      HttpExchange exchange,
      GatewayClient gateway,
      String resource,
      Path dir,
      AtomicReference<JsonNode> answers)
      throws IOException {
    try (exchange) {
      String payment = exchange.getRequestHeaders().getFirst("PAYMENT-SIGNATURE");
      if (payment == null) {
        exchange
            .getResponseHeaders()
            .add("PAYMENT-REQUIRED", gateway.quote(resource, "A report", PRICE));
        reply(exchange, 402, "{\"error\":\"payment_required\"}");
        return;
      }
      Path file = dir.resolve("payment.json");
      Files.write(file, Base64.getDecoder().decode(payment));
      JsonNode out = runFacilitatorClient(file);
      answers.set(out);
      exchange.getResponseHeaders().add("PAYMENT-RESPONSE", out.get("paymentResponse").asText());
      reply(exchange, 200, "{\"report\":\"paid\"}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static JsonNode runFacilitatorClient(Path payment)
      throws IOException, InterruptedException {
    return NodeScript.run(
        "sample-paywall/src/e2e/x402-facilitator.mjs",
        List.of(
            SharedStack.get().gatewayUrl().toString(),
            SharedStack.get().publisherToken(),
            payment.toString()),
        2);
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}

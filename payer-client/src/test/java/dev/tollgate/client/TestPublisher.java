package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A publisher's own metered API in front of the gateway, as the facilitator routes intend: {@code
 * POST /quote} for the 402, {@code POST /settle} for a payment. {@code /api/quote} is honest;
 * {@code /api/misnamed} settles naming another resource than it quoted, which the gateway refuses;
 * {@code /api/cut-off} quotes, then finds the gateway unreachable when it settles.
 */
final class TestPublisher implements AutoCloseable {
  static final String PRICE = "1500";
  private static final String CUT_OFF = "cut-off";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final URI gateway;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestPublisher(HttpServer server, URI gateway) {
    this.server = server;
    this.gateway = gateway;
  }

  static TestPublisher start(URI gateway) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    TestPublisher publisher = new TestPublisher(server, gateway);
    server.createContext("/api/quote", e -> publisher.serve(e, "/api/quote"));
    server.createContext("/api/misnamed", e -> publisher.serve(e, "/api/elsewhere"));
    server.createContext("/api/cut-off", e -> publisher.serve(e, CUT_OFF));
    server.setExecutor(publisher.threads);
    server.start();
    return publisher;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void serve(HttpExchange exchange, String settleAs) throws IOException {
    try (exchange) {
      String resource = exchange.getRequestURI().getPath();
      String payment = exchange.getRequestHeaders().getFirst(X402Headers.PAYMENT_SIGNATURE);
      HttpResponse<String> answer;
      try {
        answer = payment == null ? quote(resource) : settle(payment, settleAs);
      } catch (IOException e) {
        reply(exchange, 502, "{\"error\":\"gateway_unreachable\"}");
        return;
      }
      if (payment == null) {
        exchange
            .getResponseHeaders()
            .add(
                X402Headers.PAYMENT_REQUIRED,
                answer.headers().firstValue(X402Headers.PAYMENT_REQUIRED).orElseThrow());
        reply(exchange, 402, "{\"error\":\"payment_required\"}");
        return;
      }
      exchange
          .getResponseHeaders()
          .add(
              X402Headers.PAYMENT_RESPONSE,
              Base64.getEncoder().encodeToString(answer.body().getBytes(StandardCharsets.UTF_8)));
      if (answer.statusCode() == 200) {
        reply(exchange, 200, "{\"symbol\":\"ACME\",\"price\":\"12.34\"}");
      } else {
        reply(exchange, answer.statusCode(), "{\"error\":\"refused\"}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<String> quote(String resource) throws IOException, InterruptedException {
    ObjectNode body = ChannelJson.MAPPER.createObjectNode();
    body.putObject("resource").put("url", resource).put("mimeType", "application/json");
    body.put("amount", PRICE);
    return post("/quote", body);
  }

  private HttpResponse<String> settle(String payment, String resource)
      throws IOException, InterruptedException {
    if (resource.equals(CUT_OFF)) {
      throw new java.net.ConnectException("the gateway is cut off");
    }
    JsonNode payload =
        ChannelJson.parse(new String(Base64.getDecoder().decode(payment), StandardCharsets.UTF_8));
    ObjectNode body = ChannelJson.MAPPER.createObjectNode();
    body.set("paymentPayload", payload);
    body.put("resource", resource);
    body.put("price", PRICE);
    return post("/settle", body);
  }

  private HttpResponse<String> post(String path, JsonNode body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(gateway.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .header("authorization", "Bearer " + GatewayStack.PUBLISHER_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("content-type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

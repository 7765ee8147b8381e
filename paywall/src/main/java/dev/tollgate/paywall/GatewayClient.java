package dev.tollgate.paywall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The publisher server's side of the gateway: the facilitator routes ({@code POST /quote}, {@code
 * POST /settle}) that put a price on any of its resources, each called with {@code Authorization:
 * Bearer <publisher token>}. {@link Paywall} is built on it; a server calls it directly only for a
 * flow of its own.
 */
public final class GatewayClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI gateway;
  private final String publisherToken;
  private final HttpClient http;

  /** A client with a JDK {@link HttpClient} of its own (3 s to connect, 10 s per call). */
  public GatewayClient(URI gateway, String publisherToken) {
    this(
        gateway,
        publisherToken,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
  }

  /** A client that calls the gateway with {@code http}. */
  public GatewayClient(URI gateway, String publisherToken, HttpClient http) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.publisherToken = Objects.requireNonNull(publisherToken, "publisherToken");
    if (publisherToken.isBlank()) {
      throw new IllegalArgumentException("the publisher token for the gateway is blank");
    }
    this.http = Objects.requireNonNull(http, "http");
  }

  /** An answer of the gateway: its status, JSON body and {@code PAYMENT-REQUIRED}, if any. */
  public record Answer(int status, JsonNode body, Optional<String> paymentRequired) {
    public Answer {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(paymentRequired, "paymentRequired");
    }
  }

  /**
   * A quote for {@code resourceUrl} at {@code amount} base units: the gateway's {@code
   * PAYMENT-REQUIRED} header value, to send to the reader as it is.
   *
   * @throws IllegalStateException if the gateway answers, but without a quote (a resource outside
   *     the publisher's prefixes, a wrong token)
   * @throws GatewayUnreachableException if the gateway does not answer
   */
  public String quote(String resourceUrl, String description, BigInteger amount) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putObject("resource")
        .put("url", resourceUrl)
        .put("description", description)
        .put("mimeType", "application/json");
    body.put("amount", amount.toString());
    Answer answer = post("/quote", body);
    if (answer.status() != 200 || answer.paymentRequired().isEmpty()) {
      throw new IllegalStateException(
          "the gateway refused to quote "
              + resourceUrl
              + ": "
              + answer.status()
              + " "
              + answer.body());
    }
    return answer.paymentRequired().get();
  }

  /**
   * Takes the reader's payment for {@code resourceUrl} at the site's {@code price} (the gateway
   * refuses a payment on a cheaper quote): the gateway's SettlementResponse. {@code resend} is the
   * reader's {@code TOLLGATE-RESEND} proof (null if none): the gateway serves a payment it already
   * took again only with it.
   *
   * @throws GatewayUnreachableException if the gateway does not answer
   */
  public Answer settle(
      JsonNode paymentPayload, String resourceUrl, BigInteger price, String resend) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("paymentPayload", paymentPayload);
    body.put("resource", resourceUrl);
    body.put("price", price.toString());
    if (resend != null && !resend.isBlank()) {
      body.put("resend", resend);
    }
    return post("/settle", body);
  }

  private Answer post(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(gateway.resolve(path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + publisherToken)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  private Answer send(HttpRequest request) {
    return exchange(http, request);
  }

  /**
   * Sends {@code request} to a gateway and reads its JSON answer: for every caller of the gateway's
   * routes (the operator's too). An unreachable gateway is {@link GatewayUnreachableException}.
   */
  public static Answer exchange(HttpClient http, HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GatewayUnreachableException(
          "the gateway at " + request.uri().resolve("/") + " did not answer",
          e); // the cause is logged, not shown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayUnreachableException("interrupted while calling the gateway", e);
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body().isEmpty() ? "{}" : response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "the gateway answered " + request.uri() + " with non-JSON: " + response.body(), e);
    }
    return new Answer(
        response.statusCode(), body, response.headers().firstValue("PAYMENT-REQUIRED"));
  }
}

package dev.tollgate.sample.site;

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
 * The publisher server's side of the gateway: the facilitator routes ({@code /quote}, {@code
 * /settle}) that put a price on any of its resources, called with the site's publisher token, and
 * the operator routes its dashboard reads. A publisher's server in any language makes the same
 * three kinds of call.
 */
public final class GatewayClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI gateway;
  private final String publisherToken;
  private final Optional<String> operatorToken;
  private final HttpClient http;

  public GatewayClient(URI gateway, String publisherToken, Optional<String> operatorToken) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.publisherToken = Objects.requireNonNull(publisherToken, "publisherToken");
    this.operatorToken = Objects.requireNonNull(operatorToken, "operatorToken");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  /** An answer of the gateway: its status and JSON body. */
  public record Answer(int status, JsonNode body, Optional<String> paymentRequired) {}

  /**
   * A quote for {@code resourceUrl} at {@code amount} base units: the gateway's {@code
   * PAYMENT-REQUIRED} header value, to send to the reader as it is.
   */
  public String quote(String resourceUrl, String description, BigInteger amount) {
    ObjectNode body = SiteResponse.JSON.createObjectNode();
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
   */
  public Answer settle(
      JsonNode paymentPayload, String resourceUrl, BigInteger price, String resend) {
    ObjectNode body = SiteResponse.JSON.createObjectNode();
    body.set("paymentPayload", paymentPayload);
    body.put("resource", resourceUrl);
    body.put("price", price.toString());
    if (resend != null && !resend.isBlank()) {
      body.put("resend", resend);
    }
    return post("/settle", body);
  }

  /** GET of an operator route ({@code /operator/...}), with the site's operator token. */
  public Answer operator(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/operator/")) {
      throw new IllegalArgumentException("not an operator route: " + pathAndQuery);
    }
    String token =
        operatorToken.orElseThrow(
            () -> new IllegalStateException("the site has no operator token for the gateway"));
    return send(
        HttpRequest.newBuilder(gateway.resolve(pathAndQuery))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
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
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GatewayUnreachableException(
          "the gateway at " + gateway + " did not answer", e); // the cause is logged, not shown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayUnreachableException("interrupted while calling the gateway", e);
    }
    JsonNode body;
    try {
      body = SiteResponse.JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "the gateway answered " + request.uri() + " with non-JSON: " + response.body(), e);
    }
    return new Answer(
        response.statusCode(), body, response.headers().firstValue("PAYMENT-REQUIRED"));
  }
}

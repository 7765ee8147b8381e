package dev.tollgate.sample.site;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.paywall.GatewayClient;
import dev.tollgate.paywall.GatewayUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's operator routes the dashboard reads ({@code GET /operator/...}), with the site's
 * operator token. The paywall itself ({@code /quote}, {@code /settle}) is the tollgate-paywall
 * artifact's.
 */
public final class OperatorClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI gateway;
  private final String operatorToken;
  private final HttpClient http;

  public OperatorClient(URI gateway, String operatorToken) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.operatorToken = Objects.requireNonNull(operatorToken, "operatorToken");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  /** GET of an operator route ({@code /operator/...}): the gateway's status and JSON body. */
  public GatewayClient.Answer get(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/operator/")) {
      throw new IllegalArgumentException("not an operator route: " + pathAndQuery);
    }
    HttpRequest request =
        HttpRequest.newBuilder(gateway.resolve(pathAndQuery))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + operatorToken)
            .GET()
            .build();
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
    return new GatewayClient.Answer(response.statusCode(), body, Optional.empty());
  }
}

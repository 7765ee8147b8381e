package dev.tollgate.sample.site;

import dev.tollgate.paywall.GatewayClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;

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
    return GatewayClient.exchange(http, request);
  }
}

package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /health} on the local server: Micronaut on Netty, on a free loopback port. */
class HealthNettyTest {

  private static final Map<String, Object> LOOPBACK_FREE_PORT =
      Map.of("micronaut.server.host", "127.0.0.1", "micronaut.server.port", -1);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void healthAnswersOnLoopbackAndStopsWithTheContext() throws Exception {
    URI base;
    try (ApplicationContext context = GatewayApplication.start(LOOPBACK_FREE_PORT)) {
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      assertThat(server.isRunning()).isTrue();
      assertThat(server.getHost()).isEqualTo("127.0.0.1");
      assertThat(server.getPort()).isPositive().isNotEqualTo(8080);
      base = server.getURI();

      HttpResponse<String> health = get(base.resolve("/health"), Map.of("X-Request-Id", "abc-123"));
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
      assertThat(health.headers().firstValue("x-request-id")).hasValue("abc-123");

      String generated =
          get(base.resolve("/health"), Map.of()).headers().firstValue("x-request-id").orElseThrow();
      assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);

      assertThat(get(base.resolve("/nowhere"), Map.of()).statusCode()).isEqualTo(404);
    }
    // A new client: the shared one may hold a pooled connection the server has just closed, which
    // fails with "no bytes" rather than proving that nothing listens any more.
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(base.resolve("/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  private HttpResponse<String> get(URI uri, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

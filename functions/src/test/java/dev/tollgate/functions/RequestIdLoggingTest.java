package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.functions.api.RequestIdFilter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A line logged while serving a request is one JSON object on one line, with the request's id as
 * the {@code requestId} field, although the route runs on another thread than the filter.
 */
class RequestIdLoggingTest {

  @Test
  void lambdaRequestLogsOneJsonLineWithItsRequestId() {
    try (JsonLogCapture logs = JsonLogCapture.start();
        LambdaInvoker lambda = LambdaInvoker.start(Map.of(LogProbeController.ENABLED, true))) {
      LambdaInvoker.Response r = lambda.get("/log-probe", Map.of());

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("x-request-id")).isEqualTo(r.apiGatewayRequestId());
      assertProbeLine(logs, r.apiGatewayRequestId(), r.body());
    }
  }

  @Test
  void nettyRequestLogsOneJsonLineWithItsRequestId() throws Exception {
    try (JsonLogCapture logs = JsonLogCapture.start();
        ApplicationContext context =
            GatewayApplication.start(
                Map.of(
                    "micronaut.server.host",
                    "127.0.0.1",
                    "micronaut.server.port",
                    -1,
                    LogProbeController.ENABLED,
                    true))) {
      URI uri = context.getBean(EmbeddedServer.class).getURI().resolve("/log-probe");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(uri)
                  .header(RequestIdFilter.HEADER, "netty-probe-1")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-request-id")).hasValue("netty-probe-1");
      assertProbeLine(logs, "netty-probe-1", r.body());
    }
  }

  private static void assertProbeLine(JsonLogCapture logs, String requestId, String routeThread) {
    List<JsonNode> events = logs.eventsOf(LogProbeController.class);
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.path("message").asText()).isEqualTo(LogProbeController.MESSAGE);
    assertThat(event.path("level").asText()).isEqualTo("INFO");
    assertThat(event.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
    assertThat(event.path("requestId").asText()).isEqualTo(requestId);
    assertThat(event.path("thread").asText()).isEqualTo(routeThread);
    // the route ran on an executor thread, not the one the request came in on
    assertThat(routeThread).isNotEqualTo(Thread.currentThread().getName());
    // once the request is done, nothing of it lingers in the calling thread's MDC
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }
}

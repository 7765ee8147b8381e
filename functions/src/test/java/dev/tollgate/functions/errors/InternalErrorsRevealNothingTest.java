package dev.tollgate.functions.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.functions.GatewayApplication;
import dev.tollgate.functions.LambdaInvoker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An attacker probing the gateway for its internals: a request that makes a bean throw inside a
 * controller, and requests malformed so that Micronaut answers by itself (a body that is not JSON,
 * a Content-Type or method a route does not take, a parameter that does not convert, a missing
 * header, an oversized body, no route, a browser's Accept that would get an HTML page). Micronaut's
 * default bodies carried the exception's message, parser positions and class names; each answer
 * must now be Tollgate's {@code {error, detail}} with its generic detail, on Netty and under
 * Lambda.
 */
class InternalErrorsRevealNothingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a body must never show: the thrown message, class and package names, stack frames. */
  private static final List<String> INTERNALS =
      List.of(
          "SECRET",
          "Exception",
          "java.",
          "io.micronaut",
          "io.netty",
          "com.fasterxml",
          "dev.tollgate",
          "\tat ",
          "Source:",
          "Failed to convert",
          "Unexpected character",
          "Internal Server Error",
          "_embedded",
          "<html",
          "Required ");

  private static final Map<String, Object> PROPERTIES =
      Map.of(ErrorProbeController.ENABLED, true, "micronaut.server.max-request-size", 4096);

  /** A request to send, and the status and errorReason it must get. */
  private record Probe(
      String name,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int status,
      String error) {}

  private static List<Probe> probes() {
    List<Probe> p = new ArrayList<>();
    p.add(
        new Probe(
            "a bean throws", "GET", "/error-probe/throws", Map.of(), null, 500, "internal_error"));
    p.add(
        new Probe(
            "a browser sees the bean throw",
            "GET",
            "/error-probe/throws",
            Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
            null,
            500,
            "internal_error"));
    p.add(
        new Probe(
            "a body that is not JSON",
            "POST",
            "/error-probe/json",
            Map.of("Content-Type", "application/json"),
            "{\"name\": nope",
            400,
            "malformed_request"));
    p.add(
        new Probe(
            "JSON of the wrong shape",
            "POST",
            "/error-probe/json",
            Map.of("Content-Type", "application/json"),
            "{\"name\": \"x\", \"count\": \"many\"}",
            400,
            "malformed_request"));
    p.add(
        new Probe(
            "a Content-Type the route does not take",
            "POST",
            "/error-probe/json",
            Map.of("Content-Type", "text/plain"),
            "hello",
            415,
            "unsupported_media_type"));
    p.add(
        new Probe(
            "a parameter that does not convert",
            "GET",
            "/error-probe/number?n=abc",
            Map.of(),
            null,
            400,
            "malformed_request"));
    p.add(
        new Probe(
            "a missing required header",
            "GET",
            "/error-probe/header",
            Map.of(),
            null,
            400,
            "malformed_request"));
    p.add(
        new Probe(
            "a body over the size limit",
            "POST",
            "/error-probe/json",
            Map.of("Content-Type", "application/json"),
            "{\"name\":\"" + "x".repeat(10_000) + "\",\"count\":1}",
            413,
            "request_too_large"));
    p.add(
        new Probe(
            "a method the path does not take",
            "DELETE",
            "/health",
            Map.of(),
            null,
            405,
            "method_not_allowed"));
    p.add(
        new Probe(
            "no route, asked for by a browser",
            "GET",
            "/nowhere/at/all",
            Map.of("Accept", "text/html,application/xhtml+xml"),
            null,
            404,
            "no_such_route"));
    p.add(
        new Probe(
            "an Accept the route cannot answer",
            "GET",
            "/health",
            Map.of("Accept", "application/xml"),
            null,
            406,
            "not_acceptable"));
    p.add(
        new Probe(
            "a gateway route with a body it cannot bind",
            "POST",
            "/health",
            Map.of("Content-Type", "application/json"),
            "{",
            405,
            "method_not_allowed"));
    return p;
  }

  @Test
  void internalErrorsRevealNothing() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Map<String, Object> props = new LinkedHashMap<>(PROPERTIES);
    props.put("micronaut.server.host", "127.0.0.1");
    props.put("micronaut.server.port", -1);
    try (ApplicationContext context = GatewayApplication.start(props)) {
      URI base = context.getBean(EmbeddedServer.class).getURI();
      for (Probe probe : probes()) {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(base.resolve(probe.path()))
                .timeout(Duration.ofSeconds(10))
                .method(
                    probe.method(),
                    probe.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(probe.body()));
        probe.headers().forEach(request::header);
        HttpResponse<String> response =
            client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertRevealsNothing(
            probe,
            response.statusCode(),
            response.headers().firstValue("content-type").orElse(""),
            response.body());
        if (probe.status() == 405) {
          assertThat(response.headers().firstValue("allow")).as(probe.name()).isPresent();
        }
      }
    }
  }

  @Test
  void internalErrorsRevealNothingUnderLambda() throws Exception {
    try (LambdaInvoker lambda = LambdaInvoker.start(PROPERTIES)) {
      for (Probe probe : probes()) {
        if (probe.status() == 413) {
          continue; // API Gateway itself bounds the body (10 MB); the adapter reads what it gets
        }
        LambdaInvoker.Request request =
            LambdaInvoker.request(probe.method(), probe.path()).headers(probe.headers());
        if (probe.body() != null) {
          request.body(probe.body());
        }
        LambdaInvoker.Response response = lambda.send(request);
        assertRevealsNothing(
            probe,
            response.status(),
            response.findHeader("content-type").orElse(""),
            response.body());
      }
    }
  }

  private static void assertRevealsNothing(Probe probe, int status, String contentType, String body)
      throws Exception {
    assertThat(status).as("%s: status; body %s", probe.name(), body).isEqualTo(probe.status());
    assertThat(contentType).as(probe.name()).startsWith("application/json");
    for (String internal : INTERNALS) {
      assertThat(body).as("%s reveals %s", probe.name(), internal).doesNotContain(internal);
    }
    JsonNode json = JSON.readTree(body);
    assertThat(json.get("error").asText()).as(probe.name() + ": " + body).isEqualTo(probe.error());
    assertThat(json.get("detail").asText()).as(probe.name()).isNotBlank();
    assertThat(json.size()).as("%s: only error and detail: %s", probe.name(), body).isEqualTo(2);
  }
}

package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /health} through the Lambda handler class, as API Gateway's HTTP API calls it. */
class HealthLambdaTest {

  private static LambdaInvoker lambda;

  @BeforeAll
  static void start() {
    lambda = LambdaInvoker.start();
  }

  @AfterAll
  static void stop() {
    lambda.close();
  }

  @Test
  void healthAnswersOkAsJson() {
    LambdaInvoker.Response r = lambda.get("/health", Map.of());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).startsWith("application/json");
    assertThat(r.header("Content-Type")).isEqualTo(r.header("content-type"));
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void requestIdIsApiGatewaysWhenTheEventCarriesOne() {
    LambdaInvoker.Response r =
        lambda.send(
            LambdaInvoker.request("GET", "/health")
                .header("X-Request-Id", "client-chosen")
                .apiGatewayRequestId("Ab1cDeFgHiJkLmN="));

    // API Gateway's id wins over the client's header, and is taken as API Gateway writes it ('='
    // included), whereas a client's header must be a plain token
    assertThat(r.header("x-request-id")).isEqualTo("Ab1cDeFgHiJkLmN=");
  }

  @Test
  void requestIdFromTheHeaderIsEchoedWithoutAnApiGatewayId() {
    LambdaInvoker.Response r =
        lambda.send(
            LambdaInvoker.request("GET", "/health")
                .header("X-Request-Id", "client-1.2_3")
                .apiGatewayRequestId(null));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("X-Request-Id")).isEqualTo("client-1.2_3");
  }

  @Test
  void requestIdIsGeneratedWhenNoneIsGivenOrTheGivenOneIsNotAPlainToken() {
    for (String given : new String[] {null, "", "has space", "x".repeat(65), "a/b", "<script>"}) {
      LambdaInvoker.Request request =
          LambdaInvoker.request("GET", "/health").apiGatewayRequestId(null);
      if (given != null) {
        request.header("X-Request-Id", given);
      }
      String id = lambda.send(request).header("x-request-id");
      assertThat(id).as("for %s", given).isNotNull().isNotEqualTo(given);
      assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }
  }

  @Test
  void theRuntimesNoArgumentConstructorServesHealth() {
    try (GatewayHandler handler = new GatewayHandler()) {
      APIGatewayV2HTTPResponse r =
          handler.handleRequest(
              LambdaInvoker.request("GET", "/health").toEvent(), LambdaInvoker.testContext());
      assertThat(r.getStatusCode()).isEqualTo(200);
      assertThat(r.getBody()).isEqualTo("{\"status\":\"ok\"}");
    }
  }

  @Test
  void unknownPathIsNotFound() {
    LambdaInvoker.Response r = lambda.get("/no-such-route", Map.of());

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("x-request-id")).isEqualTo(r.apiGatewayRequestId());
  }
}

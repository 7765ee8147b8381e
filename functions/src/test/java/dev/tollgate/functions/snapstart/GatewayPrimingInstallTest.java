package dev.tollgate.functions.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tollgate.functions.GatewayHandler;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the deployed handler installs priming, on a context without a chain (only {@code /health} to
 * prime): the switches, and a wrong answer failing loudly rather than being snapshotted.
 */
class GatewayPrimingInstallTest {

  private static ApplicationContext context(Map<String, Object> properties) {
    return GatewayHandler.contextBuilder().properties(properties).build().start();
  }

  /** The handler, recording the paths it is asked for. */
  private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> recording(
      GatewayHandler handler, List<String> paths) {
    return (event, lambdaContext) -> {
      paths.add(event.getRawPath());
      return handler.handleRequest(event, lambdaContext);
    };
  }

  @Test
  void byDefaultTheHooksAreInstalledAndNothingIsPrimedAtInit() {
    try (ApplicationContext context = context(Map.of())) {
      List<String> paths = new ArrayList<>();
      assertThat(GatewayPriming.install(recording(new GatewayHandler(context), paths), context))
          .isPresent();
      assertThat(paths).isEmpty();
    }
  }

  @Test
  void atInitPrimesAtOnce() {
    try (ApplicationContext context = context(Map.of(GatewayPriming.AT_INIT, "true"))) {
      List<String> paths = new ArrayList<>();
      assertThat(GatewayPriming.install(recording(new GatewayHandler(context), paths), context))
          .isPresent();
      assertThat(paths).containsExactly("/health");
    }
  }

  @Test
  void disabledInstallsNothingEvenAtInit() {
    try (ApplicationContext context =
        context(Map.of(GatewayPriming.ENABLED, "false", GatewayPriming.AT_INIT, "true"))) {
      List<String> paths = new ArrayList<>();
      assertThat(GatewayPriming.install(recording(new GatewayHandler(context), paths), context))
          .isEmpty();
      assertThat(paths).isEmpty();
    }
  }

  @Test
  void aWrongAnswerFailsThePrimingByName() {
    try (ApplicationContext context = context(Map.of())) {
      GatewayPriming priming =
          GatewayPriming.of(
              (event, lambdaContext) -> {
                APIGatewayV2HTTPResponse down = new APIGatewayV2HTTPResponse();
                down.setStatusCode(503);
                down.setBody("down");
                return down;
              },
              context);

      assertThatThrownBy(priming::prime)
          .isInstanceOf(PrimingFailedException.class)
          .hasMessageContaining("GET /health answered 503, not 200");
    }
  }
}

package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Header values reach the controllers as an HTTP server would hand them on, never as a 500. */
class GatewayHandlerHeaderValuesTest {

  private static APIGatewayV2HTTPEvent event(Map<String, String> headers) {
    return APIGatewayV2HTTPEvent.builder().withHeaders(new LinkedHashMap<>(headers)).build();
  }

  @Test
  void validValuesAreLeftAsTheyAre() {
    APIGatewayV2HTTPEvent e = event(Map.of("a", "x\ty é", "b", "", "c", "QUJD=="));
    Map<String, String> before = e.getHeaders();

    assertThat(GatewayHandler.withHttpHeaderValues(e).getHeaders()).isSameAs(before);
  }

  @Test
  void surroundingSpacesAndTabsAreNotPartOfTheValue() {
    APIGatewayV2HTTPEvent e = event(Map.of("a", " \tQUJD== \t", "b", "   ", "c", "ok"));

    assertThat(GatewayHandler.withHttpHeaderValues(e).getHeaders())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "QUJD==", "b", "", "c", "ok"));
  }

  @Test
  void controlCharactersBecomeTheReplacementCharacter() {
    APIGatewayV2HTTPEvent e = event(Map.of("a", "\u007fQU\u0001JD\r\n"));

    assertThat(GatewayHandler.withHttpHeaderValues(e).getHeaders())
        .containsEntry("a", "\uFFFDQU\uFFFDJD\uFFFD\uFFFD");
  }

  @Test
  void anEventWithoutHeadersPassesThrough() {
    APIGatewayV2HTTPEvent e = APIGatewayV2HTTPEvent.builder().build();

    assertThat(GatewayHandler.withHttpHeaderValues(e)).isSameAs(e);
    assertThat(e.getHeaders()).isNull();
  }
}

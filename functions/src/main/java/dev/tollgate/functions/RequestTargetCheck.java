package dev.tollgate.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.RefusalReason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * A request whose path or query is not a URI (a malformed escape such as {@code %zz}, a raw
 * backslash or space) makes Micronaut's Lambda adapter throw before any route runs, which API
 * Gateway answers with a bare 500. Netty refuses such a request line with a 400; this gives the
 * Lambda the same answer, by name.
 */
final class RequestTargetCheck {
  private RequestTargetCheck() {}

  static Optional<APIGatewayV2HTTPResponse> refusal(APIGatewayV2HTTPEvent input) {
    if (input == null) {
      return Optional.empty();
    }
    String path = input.getRawPath();
    if (path != null && !isUri(path)) {
      return Optional.of(
          answer(
              GatewayReason.NON_CANONICAL_PATH,
              "the path is not a valid URI path (a malformed %-escape, or a character that must"
                  + " be escaped): "
                  + shown(path)));
    }
    String query = input.getRawQueryString();
    if (query != null && !query.isEmpty() && !isUri("/?" + query)) {
      return Optional.of(
          answer(
              GatewayReason.MALFORMED_REQUEST,
              "the query string is not valid (a malformed %-escape, or a character that must be"
                  + " escaped): "
                  + shown(query)));
    }
    return Optional.empty();
  }

  private static boolean isUri(String target) {
    try {
      new URI(target);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static APIGatewayV2HTTPResponse answer(RefusalReason reason, String detail) {
    ObjectNode body = ChannelJson.MAPPER.createObjectNode();
    body.put("error", reason.errorReason());
    body.put("detail", detail);
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(reason.httpStatus());
    response.setHeaders(Map.of("content-type", "application/json"));
    response.setBody(ChannelJson.write(body));
    response.setIsBase64Encoded(false);
    return response;
  }

  private static String shown(String text) {
    return text.length() <= 200 ? "'" + text + "'" : "'" + text.substring(0, 200) + "…'";
  }
}

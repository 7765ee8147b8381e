package dev.tollgate.functions.snapstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP API events (payload format 2.0) the priming requests are sent as. */
final class PrimingEvents {
  static final String REQUEST_ID_PREFIX = "tollgate-priming-";

  private PrimingEvents() {}

  /**
   * A {@code GET} of {@code path} with {@code headers} (names lower-case, as API Gateway sends).
   */
  static APIGatewayV2HTTPEvent get(String path, Map<String, String> headers, int sequence) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putIfAbsent("host", "tollgate-priming.invalid");
    all.putIfAbsent("user-agent", "tollgate-priming");
    all.putIfAbsent("accept", "application/json");
    Instant now = Instant.now();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(path)
        .withRawQueryString("")
        .withHeaders(all)
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withStage("$default")
                .withRouteKey("$default")
                .withDomainName(all.get("host"))
                .withRequestId(REQUEST_ID_PREFIX + sequence)
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("GET")
                        .withPath(path)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp("127.0.0.1")
                        .withUserAgent(all.get("user-agent"))
                        .build())
                .build())
        .build();
  }
}

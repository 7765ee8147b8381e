package dev.tollgate.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.x402.X402Headers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A paid {@code GET} as the HTTP API hands it to Lambda: the payload format 2.0 JSON document,
 * written out field by field as API Gateway sends it (not through the events library, whose mapping
 * the runtime client's deserializer is then checked against). And the function's answer read back
 * from the JSON the runtime client posts.
 */
final class PaidEvent {
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final String HOST = "gateway.example";
  private static final String USER_AGENT = "tollgate-cold-start";

  private PaidEvent() {}

  /** {@code GET path} carrying {@code paymentSignature}, API Gateway's request id {@code id}. */
  static byte[] json(String path, String paymentSignature, String requestId) {
    Instant now = Instant.now();
    ObjectNode event = ChannelJson.MAPPER.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", path);
    event.put("rawQueryString", "");
    ObjectNode headers = event.putObject("headers");
    headers.put("accept", "application/json");
    headers.put("host", HOST);
    headers.put("user-agent", USER_AGENT);
    headers.put("x-forwarded-for", "192.0.2.1");
    headers.put("x-forwarded-port", "443");
    headers.put("x-forwarded-proto", "https");
    headers.put(X402Headers.PAYMENT_SIGNATURE.toLowerCase(Locale.ROOT), paymentSignature);
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "000000000000");
    context.put("apiId", "tollgate");
    context.put("domainName", HOST);
    context.put("domainPrefix", "gateway");
    ObjectNode http = context.putObject("http");
    http.put("method", "GET");
    http.put("path", path);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "192.0.2.1");
    http.put("userAgent", USER_AGENT);
    context.put("requestId", requestId);
    context.put("routeKey", "$default");
    context.put("stage", "$default");
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
    event.put("isBase64Encoded", false);
    return ChannelJson.write(event).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The {@code APIGatewayV2HTTPResponse} the function answered, from its JSON. */
  static APIGatewayV2HTTPResponse response(String json) {
    JsonNode node = ChannelJson.parse(json);
    if (!node.has("statusCode")) {
      throw new IllegalStateException("the function's answer has no statusCode: " + json);
    }
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(node.get("statusCode").asInt());
    response.setBody(node.path("body").isNull() ? null : node.path("body").asText(null));
    response.setIsBase64Encoded(node.path("isBase64Encoded").asBoolean(false));
    Map<String, String> headers = new LinkedHashMap<>();
    node.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    response.setHeaders(headers);
    Map<String, List<String>> multi = new LinkedHashMap<>();
    node.path("multiValueHeaders")
        .properties()
        .forEach(
            e -> {
              List<String> values = new ArrayList<>();
              e.getValue().forEach(v -> values.add(v.asText()));
              multi.put(e.getKey(), values);
            });
    response.setMultiValueHeaders(multi);
    return response;
  }
}

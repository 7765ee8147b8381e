package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.function.Function;

/** Maps use-case results onto HTTP: a value to its JSON, a refusal to its status and body. */
final class Responses {
  private Responses() {}

  static <T> MutableHttpResponse<String> of(
      Checked<T> result, HttpStatus success, Function<T, JsonNode> body) {
    if (result.isOk()) {
      return json(success, body.apply(result.value()));
    }
    return refusal(result.refusal());
  }

  static MutableHttpResponse<String> refusal(Refusal refusal) {
    return json(HttpStatus.valueOf(refusal.httpStatus()), ApiJson.refusal(refusal));
  }

  static MutableHttpResponse<String> json(HttpStatus status, JsonNode body) {
    return HttpResponse.<String>status(status)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(ApiJson.write(body));
  }

  static MutableHttpResponse<String> malformed(String detail) {
    return refusal(Refusal.of(GatewayReason.MALFORMED_REQUEST, detail));
  }
}

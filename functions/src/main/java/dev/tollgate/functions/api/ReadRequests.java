package dev.tollgate.functions.api;

import dev.tollgate.core.read.SignedRead;
import dev.tollgate.functions.gateway.ChannelReadAccess.ReadRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.net.URI;

/** The parts of an HTTP request a channel read's access check needs, exactly as they were sent. */
final class ReadRequests {
  private ReadRequests() {}

  static ReadRequest of(HttpRequest<?> request) {
    return new ReadRequest(
        request.getMethodName(),
        pathAndQuery(request.getUri()),
        request.getHeaders().get(HttpHeaders.AUTHORIZATION),
        request.getHeaders().get(SignedRead.HEADER));
  }

  /** The raw (still percent-encoded) path and query the payer signed, not a decoded copy. */
  static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}

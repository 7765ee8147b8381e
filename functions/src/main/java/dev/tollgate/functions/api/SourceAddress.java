package dev.tollgate.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where a request came from, for per-source limits. Behind API Gateway (payload 2.0) it is the
 * event's {@code requestContext.http.sourceIp}, the address API Gateway's connection came from (a
 * client's {@code X-Forwarded-For} is never trusted); on the Netty server it is the connection's
 * remote address.
 */
final class SourceAddress {
  /** The bucket of a request whose source cannot be told: one shared, conservative bucket. */
  static final String UNKNOWN = "unknown";

  private SourceAddress() {}

  static String of(HttpRequest<?> request) {
    if (request instanceof ServletHttpRequest<?, ?> servlet
        && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
      APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
      String ip =
          context == null || context.getHttp() == null ? null : context.getHttp().getSourceIp();
      return ip == null || ip.isBlank() ? UNKNOWN : ip.trim();
    }
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null) {
      return UNKNOWN;
    }
    InetAddress address = remote.getAddress();
    return address != null ? address.getHostAddress() : remote.getHostString();
  }
}

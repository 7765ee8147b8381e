package dev.tollgate.infra.stack;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;

/**
 * One route of the HTTP API, in API Gateway's path syntax. Only these reach the gateway function:
 * any other path is answered 404 by API Gateway without an invocation.
 */
public record GatewayRoute(HttpMethod method, String path) {

  /** The gateway's routes (the functions' controllers); the operator's only when turned on. */
  public static List<GatewayRoute> all(boolean operatorRoutes) {
    List<GatewayRoute> routes =
        new ArrayList<>(
            List.of(
                get("/health"),
                get("/gateway"),
                post("/channels"),
                get("/channels/{address}"),
                get("/channels/{address}/updates"),
                post("/channels/{address}/deposits"),
                post("/channels/{address}/transfers"),
                post("/channels/{address}/transfers/{transferId}/resolve"),
                post("/channels/{address}/withdrawals"),
                get("/paid/{path+}"),
                post("/paid/{path+}"),
                get("/supported"),
                post("/quote"),
                post("/verify"),
                post("/settle")));
    if (operatorRoutes) {
      routes.addAll(
          List.of(
              get("/operator/revenue"),
              get("/operator/payments"),
              get("/operator/channels"),
              get("/operator/disputes")));
    }
    return List.copyOf(routes);
  }

  /** As API Gateway writes a route key: {@code GET /channels/{address}}. */
  public String routeKey() {
    return method + " " + path;
  }

  private static GatewayRoute get(String path) {
    return new GatewayRoute(HttpMethod.GET, path);
  }

  private static GatewayRoute post(String path) {
    return new GatewayRoute(HttpMethod.POST, path);
  }
}

package dev.tollgate.functions;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * The gateway as a local HTTP server (Micronaut on Netty), for running the stack on one machine. On
 * AWS the same controllers run behind API Gateway through {@link GatewayHandler}.
 *
 * <p>It listens on {@code micronaut.server.host}:{@code micronaut.server.port}, 127.0.0.1:8080 by
 * default (see {@code application.properties}); {@code -Dmicronaut.server.port=-1} picks a free
 * port.
 */
public final class GatewayApplication {

  private GatewayApplication() {}

  public static void main(String[] args) {
    start(Map.of(), args);
  }

  /**
   * Starts the context and its Netty server; closing the returned context stops the server.
   *
   * @param properties properties that take precedence over the configuration files
   */
  public static ApplicationContext start(Map<String, Object> properties, String... args) {
    return Micronaut.build(args)
        .mainClass(GatewayApplication.class)
        .properties(properties)
        .banner(false)
        .start();
  }
}

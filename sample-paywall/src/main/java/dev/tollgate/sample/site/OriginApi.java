package dev.tollgate.sample.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * The metered API with no paywall of its own, as an API provider already runs it: {@code GET
 * /quotes?symbol=ACME}. The local stack puts the gateway in front of it ({@code /paid/api/} with
 * this server as the route's upstream), so the gateway charges for every call and the provider
 * writes no payment code. It listens on a free loopback port, for the gateway only.
 */
public final class OriginApi implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final LongSupplier nowSeconds;

  private OriginApi(HttpServer server, LongSupplier nowSeconds) {
    this.server = server;
    this.nowSeconds = nowSeconds;
  }

  public static OriginApi start(LongSupplier nowSeconds) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    OriginApi api = new OriginApi(server, nowSeconds);
    server.createContext("/quotes", api::quote);
    server.setExecutor(api.threads);
    server.start();
    return api;
  }

  /** Where the gateway forwards to. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void quote(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getRawQuery();
      String symbol = query != null && query.startsWith("symbol=") ? query.substring(7) : null;
      boolean ok = StockQuotes.isSymbol(symbol) && "GET".equals(exchange.getRequestMethod());
      String body =
          ok
              ? StockQuotes.quote(symbol, nowSeconds.getAsLong()).toString()
              : "{\"error\":\"bad_symbol\",\"detail\":\"GET /quotes?symbol= 1 to 5 capital letters\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(ok ? 200 : 400, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

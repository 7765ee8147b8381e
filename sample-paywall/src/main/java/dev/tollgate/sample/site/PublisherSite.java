package dev.tollgate.sample.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.paywall.GatewayUnreachableException;
import dev.tollgate.paywall.Paywall;
import dev.tollgate.paywall.PaywallRequest;
import dev.tollgate.paywall.Receipt;
import dev.tollgate.x402.ResendProof;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample publisher: a front page of priced articles, each paywalled through the gateway's 402
 * flow with a receipt that lets the reader re-read it for a while; a metered JSON API charged per
 * call; and a dashboard of the gateway's records. It is a plain JDK HTTP server on 127.0.0.1 so a
 * publisher can read all of it in one sitting.
 */
public final class PublisherSite implements AutoCloseable {
  static final String RECEIPT_COOKIE = "tollgate_receipt";
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.site");
  private static final Pattern ARTICLE = Pattern.compile("/articles/([a-z0-9-]{1,80})");
  private static final Pattern CONTENT = Pattern.compile("/articles/([a-z0-9-]{1,80})/content");
  private static final Pattern ASSET = Pattern.compile("/assets/([^/]{1,100})");
  private static final int MAX_BODY_BYTES = 4 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final SiteSettings settings;
  private final Catalogue catalogue;
  private final Paywall paywall;
  private final Optional<Faucet> faucet;
  private final Optional<DashboardData> dashboard;
  private final Optional<DashboardLogin> login;
  private final Pages pages;
  private final LongSupplier nowSeconds;

  private PublisherSite(
      HttpServer server,
      SiteSettings settings,
      Catalogue catalogue,
      Optional<Faucet> faucet,
      LongSupplier nowSeconds) {
    this.server = server;
    this.settings = settings;
    this.catalogue = catalogue;
    this.faucet = faucet;
    this.nowSeconds = nowSeconds;
    this.paywall =
        Paywall.builder()
            .gateway(settings.gatewayUrl())
            .publisherToken(settings.publisherToken())
            .clock(nowSeconds)
            .receiptSeconds(settings.receiptSeconds())
            .receiptSecret(settings.receiptSecret())
            .build();
    this.dashboard =
        settings.hasDashboard()
            ? Optional.of(
                new DashboardData(
                    new OperatorClient(settings.gatewayUrl(), settings.operatorToken().get()),
                    settings,
                    nowSeconds))
            : Optional.empty();
    this.login =
        settings.hasDashboard()
            ? Optional.of(
                new DashboardLogin(settings.dashboardPassword().get(), settings.receiptSecret()))
            : Optional.empty();
    this.pages = new Pages(settings, faucet.isPresent());
    this.executor = Executors.newFixedThreadPool(16);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts the site on {@code port} of 127.0.0.1 (0 picks a free one). {@code faucet} is present
   * only on a local stack.
   */
  public static PublisherSite start(
      int port,
      SiteSettings settings,
      Catalogue catalogue,
      Optional<Faucet> faucet,
      LongSupplier nowSeconds)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    PublisherSite site =
        new PublisherSite(
            server,
            Objects.requireNonNull(settings, "settings"),
            Objects.requireNonNull(catalogue, "catalogue"),
            Objects.requireNonNull(faucet, "faucet"),
            Objects.requireNonNull(nowSeconds, "nowSeconds"));
    server.start();
    return site;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  private void handle(HttpExchange exchange) throws IOException {
    SiteResponse response;
    try {
      response = route(exchange);
    } catch (GatewayUnreachableException e) {
      LOG.warn("request {}: {}", exchange.getRequestURI(), e.getMessage(), e.getCause());
      response = SiteResponse.error(502, "gateway_unreachable", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("request {} failed", exchange.getRequestURI(), e);
      response = SiteResponse.error(500, "internal_error", "the site failed: see its log");
    }
    write(exchange, response);
  }

  private SiteResponse route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/faucet")) {
      return method.equals("POST") ? faucet(exchange) : notAllowed("POST");
    }
    if (dashboard.isPresent() && (path.equals("/dashboard") || path.startsWith("/dashboard/"))) {
      return dashboardRoute(exchange, method, path);
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return notAllowed("GET");
    }
    if (path.equals("/")) {
      return SiteResponse.html(200, pages.front(catalogue.articles()));
    }
    if (path.equals("/health")) {
      return SiteResponse.json(200, SiteResponse.JSON.createObjectNode().put("status", "ok"));
    }
    Matcher m;
    if ((m = CONTENT.matcher(path)).matches()) {
      return articleContent(exchange, m.group(1));
    }
    if ((m = ARTICLE.matcher(path)).matches()) {
      return catalogue
          .article(m.group(1))
          .map(a -> SiteResponse.html(200, pages.article(a)))
          .orElseGet(() -> SiteResponse.html(404, pages.notFound(path)));
    }
    if (path.equals("/api/quotes")) {
      return meteredQuote(exchange);
    }
    if ((m = ASSET.matcher(path)).matches()) {
      return StaticAssets.asset(m.group(1))
          .orElseGet(() -> SiteResponse.error(404, "not_found", "no asset " + path));
    }
    return SiteResponse.html(404, pages.notFound(path));
  }

  /**
   * The publisher's dashboard, behind its login: the page redirects a visitor without a session to
   * the login form, the data answers 401; a right password sets the session cookie, logout clears
   * it.
   */
  private SiteResponse dashboardRoute(HttpExchange exchange, String method, String path)
      throws IOException {
    DashboardLogin gate = login.orElseThrow();
    boolean secure = settings.siteUrl().getScheme().equals("https");
    boolean get = method.equals("GET") || method.equals("HEAD");
    switch (path) {
      case "/dashboard/login" -> {
        if (get) {
          return SiteResponse.html(200, pages.login(false));
        }
        if (!method.equals("POST")) {
          return notAllowed("GET, POST");
        }
        Optional<String> password = formField(exchange, "password");
        if (password.isEmpty() || !gate.passwordMatches(password.get())) {
          LOG.warn("dashboard login refused from {}", exchange.getRemoteAddress().getAddress());
          return SiteResponse.html(401, pages.login(true));
        }
        return SiteResponse.builder(303, "text/plain; charset=utf-8")
            .header("Location", "/dashboard")
            .header("Set-Cookie", DashboardLogin.cookie(gate.issue(nowSeconds.getAsLong()), secure))
            .header("Cache-Control", "no-store")
            .build();
      }
      case "/dashboard/logout" -> {
        if (!method.equals("POST")) {
          return notAllowed("POST");
        }
        return SiteResponse.builder(303, "text/plain; charset=utf-8")
            .header("Location", "/dashboard/login")
            .header("Set-Cookie", DashboardLogin.clearedCookie(secure))
            .build();
      }
      default -> {
        // every other /dashboard path needs a session
      }
    }
    boolean session =
        cookie(exchange, DashboardLogin.COOKIE)
            .map(token -> gate.valid(token, nowSeconds.getAsLong()))
            .orElse(false);
    if (path.equals("/dashboard/data")) {
      if (!get) {
        return notAllowed("GET");
      }
      if (!session) {
        return SiteResponse.error(
            401, "unauthorized", "log in at /dashboard/login to read the dashboard");
      }
      SiteResponse data = dashboard.get().read();
      return SiteResponse.builder(data.status(), "application/json")
          .header("Cache-Control", "no-store")
          .body(data.body())
          .build();
    }
    if (path.equals("/dashboard")) {
      if (!get) {
        return notAllowed("GET");
      }
      if (!session) {
        return SiteResponse.builder(303, "text/plain; charset=utf-8")
            .header("Location", "/dashboard/login")
            .build();
      }
      return SiteResponse.builder(200, "text/html; charset=utf-8")
          .header("Cache-Control", "no-store")
          .body(pages.dashboard())
          .build();
    }
    return SiteResponse.html(404, pages.notFound(path));
  }

  /** One field of an {@code application/x-www-form-urlencoded} body of at most 4 KiB. */
  private static Optional<String> formField(HttpExchange exchange, String name) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      return Optional.empty();
    }
    String raw = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          return Optional.of(
              java.net.URLDecoder.decode(
                  pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private SiteResponse articleContent(HttpExchange exchange, String slug) {
    Optional<Article> found = catalogue.article(slug);
    if (found.isEmpty()) {
      return SiteResponse.error(404, "no_such_article", "no article " + slug);
    }
    Article article = found.get();
    String resource = settings.resourceUrl("/articles/" + slug + "/content");
    Paywall.Outcome outcome =
        paywall.charge(
            paywallRequest(exchange, resource)
                .withReceipt(cookie(exchange, RECEIPT_COOKIE).orElse(null)),
            article.title(),
            article.price());
    if (outcome instanceof Paywall.Reread held) {
      return SiteResponse.json(200, articleJson(article, false, held.receipt()));
    }
    if (outcome instanceof Paywall.Paid paid) {
      SiteResponse.Builder response =
          SiteResponse.builder(200, "application/json")
              .header(X402Headers.PAYMENT_RESPONSE, paid.paymentResponse());
      paid.receiptToken()
          .ifPresent(
              token ->
                  response.header(
                      "Set-Cookie",
                      RECEIPT_COOKIE
                          + "="
                          + token
                          + "; Path=/articles/"
                          + slug
                          + "; Max-Age="
                          + paywall.receiptSeconds()
                          + "; HttpOnly; SameSite=Lax"));
      return response.body(articleJson(article, true, paid.receipt()).toString()).build();
    }
    return SiteResponse.of(((Paywall.NotServed) outcome).answer());
  }

  /**
   * The paywall's view of the request: every {@code PAYMENT-SIGNATURE} (the paywall refuses more
   * than one) and the {@code TOLLGATE-RESEND} proof.
   */
  private static PaywallRequest paywallRequest(HttpExchange exchange, String resource) {
    return PaywallRequest.of(
            resource, null, exchange.getRequestHeaders().getFirst(ResendProof.HEADER))
        .withPaymentSignatures(
            exchange.getRequestHeaders().getOrDefault(X402Headers.PAYMENT_SIGNATURE, List.of()));
  }

  private static ObjectNode articleJson(Article article, boolean paid, Receipt receipt) {
    ObjectNode out = SiteResponse.JSON.createObjectNode();
    out.put("slug", article.slug());
    out.put("title", article.title());
    out.put("html", article.html());
    out.put("paid", paid);
    out.putObject("receipt")
        .put("transferId", receipt.transferId())
        .put("expiresAt", receipt.expiresAt());
    return out;
  }

  private SiteResponse meteredQuote(HttpExchange exchange) {
    String symbol = query(exchange.getRequestURI()).get("symbol");
    if (!StockQuotes.isSymbol(symbol)) {
      return SiteResponse.error(
          400, "bad_symbol", "symbol must be 1 to 5 capital letters, got " + symbol);
    }
    String resource = settings.resourceUrl("/api/quotes?symbol=" + symbol);
    // no receipt: every call is paid
    Paywall.Outcome outcome =
        paywall.charge(
            paywallRequest(exchange, resource),
            "One quote for " + symbol,
            catalogue.apiCallPrice());
    if (outcome instanceof Paywall.Paid paid) {
      return SiteResponse.builder(200, "application/json")
          .header(X402Headers.PAYMENT_RESPONSE, paid.paymentResponse())
          .body(StockQuotes.quote(symbol, nowSeconds.getAsLong()).toString())
          .build();
    }
    return SiteResponse.of(((Paywall.NotServed) outcome).answer());
  }

  private SiteResponse faucet(HttpExchange exchange) throws IOException {
    if (faucet.isEmpty()) {
      return SiteResponse.error(
          404, "no_faucet", "this site has no faucet: it is not a local stack");
    }
    JsonNode body;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        return SiteResponse.error(413, "body_too_large", "the body must be under 4 KiB");
      }
      body = SiteResponse.JSON.readTree(bytes);
    } catch (IOException e) {
      return SiteResponse.error(400, "bad_address", "the body must be {\"address\": \"0x…\"}");
    }
    String address = body == null ? null : body.path("address").asText(null);
    if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
      return SiteResponse.error(
          400, "bad_address", "address must be 0x and 40 hex digits, got " + address);
    }
    Faucet.Drop drop = faucet.get().drip(address);
    ObjectNode out = SiteResponse.JSON.createObjectNode();
    out.put("txHash", drop.txHash());
    out.put("amount", drop.amount().toString());
    out.put("asset", drop.asset());
    return SiteResponse.json(200, out);
  }

  private static SiteResponse notAllowed(String allowed) {
    return SiteResponse.builder(405, "application/json")
        .header("Allow", allowed)
        .body("{\"error\":\"method_not_allowed\",\"detail\":\"use " + allowed + "\"}")
        .build();
  }

  static Optional<String> cookie(HttpExchange exchange, String name) {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return Optional.empty();
    }
    for (String header : headers) {
      for (String part : header.split(";")) {
        String trimmed = part.trim();
        if (trimmed.startsWith(name + "=")) {
          return Optional.of(trimmed.substring(name.length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  static Map<String, String> query(URI uri) {
    String raw = uri.getRawQuery();
    Map<String, String> out = new java.util.HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(
          java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void write(HttpExchange exchange, SiteResponse response) throws IOException {
    response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    byte[] body = response.body();
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.tollgate.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Calls the real {@link GatewayHandler} the way API Gateway's HTTP API does (payload format 2.0),
 * in-process: builds the {@link APIGatewayV2HTTPEvent}, invokes the handler, reads the {@link
 * APIGatewayV2HTTPResponse}.
 *
 * <pre>{@code
 * try (LambdaInvoker lambda = LambdaInvoker.start(Map.of("some.property", "value"))) {
 *   LambdaInvoker.Response r = lambda.get("/health", Map.of());
 *   r.status(); r.header("x-request-id"); r.body();
 * }
 * }</pre>
 *
 * <p>Like API Gateway, it lowercases header names, moves {@code Cookie} headers to the event's
 * cookies, splits the query string off the path and gives every request its own request-context
 * request id (returned as {@link Response#apiGatewayRequestId()}). As under API Gateway, that id is
 * the request's {@code requestId} and its {@code X-Request-Id} answer; a request built with {@code
 * apiGatewayRequestId(null)} gets the client's {@code X-Request-Id} (or a UUID) instead.
 */
public final class LambdaInvoker implements AutoCloseable {

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApplicationContext context;
  private final GatewayHandler handler;

  private LambdaInvoker(ApplicationContext context) {
    this.context = context;
    try {
      this.handler = new GatewayHandler(context);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /** A handler on the default configuration. */
  public static LambdaInvoker start() {
    return start(Map.of());
  }

  /** A handler whose context has {@code properties} on top of the configuration files. */
  public static LambdaInvoker start(Map<String, Object> properties) {
    return start(properties, List.of());
  }

  /**
   * A handler whose context has {@code properties} and, registered before it starts, the beans
   * {@code singletons} (a bean registered so replaces the one the gateway would build, where the
   * gateway allows it: the DynamoDB client).
   */
  public static LambdaInvoker start(Map<String, Object> properties, List<Object> singletons) {
    return new LambdaInvoker(
        GatewayHandler.contextBuilder()
            .properties(properties)
            .singletons(singletons.toArray())
            .build());
  }

  public GatewayHandler handler() {
    return handler;
  }

  /** The handler's context, for reaching beans in a test. */
  public ApplicationContext context() {
    return context;
  }

  public Response get(String pathAndQuery, Map<String, String> headers) {
    return send(request("GET", pathAndQuery).headers(headers));
  }

  public Response post(String pathAndQuery, Map<String, String> headers, String body) {
    return send(request("POST", pathAndQuery).headers(headers).body(body));
  }

  /** A request to tune before {@link #send(Request)}: headers, body, request id. */
  public static Request request(String method, String pathAndQuery) {
    return new Request(method, pathAndQuery);
  }

  public Response send(Request request) {
    APIGatewayV2HTTPEvent event = request.toEvent();
    return invoke(event);
  }

  /** Invokes the handler with an event built elsewhere. */
  public Response invoke(APIGatewayV2HTTPEvent event) {
    String requestId =
        event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, testContext());
    return new Response(response, requestId);
  }

  @Override
  public void close() {
    context.close();
  }

  /** A Lambda context for one invocation: its own AWS request id, 30 s left, 1 GB. */
  public static Context testContext() {
    return new TestContext(UUID.randomUUID().toString());
  }

  /** An HTTP request as API Gateway would hand it over. */
  public static final class Request {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private String body;
    private boolean base64;
    private String apiGatewayRequestId = newApiGatewayRequestId();
    private String sourceIp = "127.0.0.1";

    private Request(String method, String pathAndQuery) {
      this.method = method;
      int q = pathAndQuery.indexOf('?');
      this.rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
      this.rawQuery = q < 0 ? "" : pathAndQuery.substring(q + 1);
    }

    /** Adds a header (the name is lowercased, as API Gateway does); repeats add values. */
    public Request header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      return this;
    }

    public Request headers(Map<String, String> more) {
      more.forEach(this::header);
      return this;
    }

    public Request body(String text) {
      this.body = text;
      this.base64 = false;
      return this;
    }

    public Request body(byte[] bytes) {
      this.body = Base64.getEncoder().encodeToString(bytes);
      this.base64 = true;
      return this;
    }

    /** API Gateway's request ids are 16 characters of base64, like "JKJaXmPLvHcESHA=". */
    private static String newApiGatewayRequestId() {
      byte[] random = new byte[11];
      RANDOM.nextBytes(random);
      return Base64.getEncoder().encodeToString(random);
    }

    /** The address API Gateway saw the request come from ({@code requestContext.http.sourceIp}). */
    public Request sourceIp(String ip) {
      this.sourceIp = ip;
      return this;
    }

    /** The request context's request id; {@code null} leaves it out. */
    public Request apiGatewayRequestId(String requestId) {
      this.apiGatewayRequestId = requestId;
      return this;
    }

    /** The event API Gateway would send. */
    public APIGatewayV2HTTPEvent toEvent() {
      Map<String, String> single = new LinkedHashMap<>();
      List<String> cookies = new ArrayList<>();
      headers.forEach(
          (name, values) -> {
            if (name.equals("cookie")) {
              for (String v : values) {
                for (String c : v.split(";")) {
                  if (!c.isBlank()) {
                    cookies.add(c.trim());
                  }
                }
              }
            } else {
              single.put(name, String.join(",", values)); // how payload 2.0 joins repeats
            }
          });
      single.putIfAbsent("host", "gateway.test");
      single.putIfAbsent("user-agent", "LambdaInvoker");

      Instant now = Instant.now();
      return APIGatewayV2HTTPEvent.builder()
          .withVersion("2.0")
          .withRouteKey("$default")
          .withRawPath(rawPath)
          .withRawQueryString(rawQuery)
          .withQueryStringParameters(queryParameters(rawQuery))
          .withHeaders(single)
          .withCookies(cookies.isEmpty() ? null : cookies)
          .withBody(body)
          .withIsBase64Encoded(base64)
          .withRequestContext(
              APIGatewayV2HTTPEvent.RequestContext.builder()
                  .withAccountId("000000000000")
                  .withApiId("tollgate")
                  .withDomainName(single.get("host"))
                  .withDomainPrefix("tollgate")
                  .withStage("$default")
                  .withRouteKey("$default")
                  .withRequestId(apiGatewayRequestId)
                  .withTime(REQUEST_TIME.format(now))
                  .withTimeEpoch(now.toEpochMilli())
                  .withHttp(
                      APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                          .withMethod(method)
                          .withPath(rawPath)
                          .withProtocol("HTTP/1.1")
                          .withSourceIp(sourceIp)
                          .withUserAgent(single.get("user-agent"))
                          .build())
                  .build())
          .build();
    }

    private static Map<String, String> queryParameters(String rawQuery) {
      if (rawQuery.isEmpty()) {
        return null;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        parameters.merge(name, value, (a, b) -> a + "," + b);
      }
      return parameters;
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
  }

  /** The handler's answer, with case-insensitive header access. */
  public static final class Response {
    private final APIGatewayV2HTTPResponse raw;
    private final String apiGatewayRequestId;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /**
     * Wraps an answer the handler gave to an event sent without {@link #invoke}, as the benchmarks
     * do to time the handler alone.
     */
    public static Response of(APIGatewayV2HTTPResponse raw, String apiGatewayRequestId) {
      return new Response(raw, apiGatewayRequestId);
    }

    Response(APIGatewayV2HTTPResponse raw, String apiGatewayRequestId) {
      this.raw = raw;
      this.apiGatewayRequestId = apiGatewayRequestId;
      if (raw.getMultiValueHeaders() != null) {
        raw.getMultiValueHeaders()
            .forEach(
                (name, values) ->
                    headers.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
      }
      if (raw.getHeaders() != null) {
        raw.getHeaders()
            .forEach(
                (name, value) -> {
                  List<String> values = headers.computeIfAbsent(name, k -> new ArrayList<>());
                  if (!values.contains(value)) {
                    values.add(value);
                  }
                });
      }
    }

    public int status() {
      return raw.getStatusCode();
    }

    /** The header's first value, or {@code null}; the name is case-insensitive. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Optional<String> findHeader(String name) {
      return Optional.ofNullable(header(name));
    }

    /** Every value of the header, in order; empty when absent. */
    public List<String> headers(String name) {
      return List.copyOf(headers.getOrDefault(name, List.of()));
    }

    /** All headers, names case-insensitive. */
    public Map<String, List<String>> headers() {
      return headers;
    }

    public List<String> cookies() {
      return raw.getCookies() == null ? List.of() : raw.getCookies();
    }

    /** The body as text (decoded from base64 when the handler encoded it); "" when none. */
    public String body() {
      return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    public byte[] bodyBytes() {
      String body = raw.getBody();
      if (body == null) {
        return new byte[0];
      }
      return raw.getIsBase64Encoded()
          ? Base64.getDecoder().decode(body)
          : body.getBytes(StandardCharsets.UTF_8);
    }

    /** The request context's request id the invoker sent, {@code null} if it sent none. */
    public String apiGatewayRequestId() {
      return apiGatewayRequestId;
    }

    public APIGatewayV2HTTPResponse raw() {
      return raw;
    }

    @Override
    public String toString() {
      return status() + " " + headers + " " + body();
    }
  }

  /** The Lambda context a test invocation runs with. */
  private record TestContext(String awsRequestId) implements Context {
    @Override
    public String getAwsRequestId() {
      return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/tollgate-gateway";
    }

    @Override
    public String getLogStreamName() {
      return "test";
    }

    @Override
    public String getFunctionName() {
      return "tollgate-gateway";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:000000000000:function:tollgate-gateway";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.out.print(message);
        }

        @Override
        public void log(byte[] message) {
          System.out.write(message, 0, message.length);
        }
      };
    }
  }
}

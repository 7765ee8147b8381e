package dev.tollgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tollgate.functions.snapstart.GatewayPriming;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The Lambda handler behind the HTTP API (payload format 2.0): every controller of the gateway, one
 * function. The deployment names this class; the Lambda runtime uses the no-argument constructor.
 *
 * <p>In tests, build the context as the runtime would, with extra properties, and close it after:
 *
 * <pre>{@code
 * try (ApplicationContext context = GatewayHandler.contextBuilder().properties(props).build()) {
 *   GatewayHandler handler = new GatewayHandler(context);
 *   handler.handleRequest(event, lambdaContext);
 * }
 * }</pre>
 */
public class GatewayHandler extends APIGatewayV2HTTPEventFunction {
  private static final char REPLACEMENT_CHARACTER = '\uFFFD';

  // Held for the handler's lifetime: org.crac contexts need not keep a resource reachable.
  private final Optional<GatewayPriming> priming;

  /**
   * The Lambda runtime's constructor: builds and starts the context from the configuration, then
   * installs the SnapStart priming hooks ({@link GatewayPriming#install}: {@code
   * tollgate.priming.enabled}, {@code tollgate.priming.at-init}).
   */
  public GatewayHandler() {
    super();
    this.priming = GatewayPriming.install(this, getApplicationContext());
  }

  /**
   * Runs on {@code context}, starting it if it is not running yet. The caller closes the context.
   * No priming hooks: a caller that wants them builds them with {@link GatewayPriming#of}.
   */
  public GatewayHandler(ApplicationContext context) {
    super(context);
    this.priming = Optional.empty();
  }

  /** The priming hooks this handler installed, if any. */
  public Optional<GatewayPriming> priming() {
    return priming;
  }

  /**
   * A builder for the context the no-argument constructor builds: the {@code function} and {@code
   * lambda} environments, eager initialisation (the work is done in Lambda's init phase, not in the
   * first request). Add properties, {@code build()} it and pass it to {@link
   * #GatewayHandler(ApplicationContext)}.
   */
  public static ApplicationContextBuilder contextBuilder() {
    ApplicationContextBuilder builder = new LambdaApplicationContextBuilder();
    return builder.packages(GatewayHandler.class.getPackageName());
  }

  /**
   * Serves one invocation. Micronaut puts the Lambda context (AWSRequestId, AWSFunctionName, ...)
   * in the invoking thread's MDC; it is cleared afterwards, so that nothing logged between
   * invocations carries the previous invocation's fields.
   */
  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent input, Context context) {
    try {
      Optional<APIGatewayV2HTTPResponse> refused = RequestTargetCheck.refusal(input);
      if (refused.isPresent()) {
        return refused.get();
      }
      return super.handleRequest(withHttpHeaderValues(input), context);
    } finally {
      MDC.clear();
    }
  }

  /**
   * Header values as an HTTP server hands them on. Micronaut's Lambda adapter validates every
   * header value when a request reads its headers and throws on a leading space or tab or on a
   * control character, which ends the whole request in an empty 500 before any controller runs: a
   * client's malformed {@code PAYMENT-SIGNATURE} would get no named refusal. So a value is stripped
   * of surrounding spaces and tabs (RFC 9112 §5: they are not part of the value) and each control
   * character in it (other than tab; RFC 9110 §5.5 makes them invalid) becomes U+FFFD, the
   * replacement character: the value stays visibly malformed, and the controller that reads it
   * refuses it by name. Valid values are left untouched.
   */
  static APIGatewayV2HTTPEvent withHttpHeaderValues(APIGatewayV2HTTPEvent input) {
    Map<String, String> headers = input == null ? null : input.getHeaders();
    if (headers == null || headers.values().stream().allMatch(GatewayHandler::isHttpValue)) {
      return input;
    }
    Map<String, String> normalised = new LinkedHashMap<>();
    headers.forEach((name, value) -> normalised.put(name, httpValue(value)));
    input.setHeaders(normalised);
    return input;
  }

  private static boolean isHttpValue(String value) {
    if (value == null || value.isEmpty()) {
      return true;
    }
    if (isSpaceOrTab(value.charAt(0)) || isSpaceOrTab(value.charAt(value.length() - 1))) {
      return false;
    }
    return value.chars().noneMatch(GatewayHandler::isControl);
  }

  private static boolean isControl(int c) {
    return (c < 0x20 && c != '\t') || c == 0x7f;
  }

  private static boolean isSpaceOrTab(int c) {
    return c == ' ' || c == '\t';
  }

  private static String httpValue(String value) {
    if (value == null) {
      return null;
    }
    int start = 0;
    int end = value.length();
    while (start < end && isSpaceOrTab(value.charAt(start))) {
      start++;
    }
    while (end > start && isSpaceOrTab(value.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end - start);
    value
        .substring(start, end)
        .chars()
        .forEach(c -> out.append(isControl(c) ? REPLACEMENT_CHARACTER : (char) c));
    return out.toString();
  }
}

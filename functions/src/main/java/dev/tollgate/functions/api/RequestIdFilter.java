package dev.tollgate.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id, logged as the MDC field {@value #MDC_KEY} by everything that runs for
 * the request (on whichever thread) and echoed in the {@value #HEADER} response header.
 *
 * <p>The id is, in order: API Gateway's request id when running under Lambda (the id in API
 * Gateway's own access logs); else the request's {@value #HEADER} header if it is a plain token of
 * at most 64 characters {@code [A-Za-z0-9._-]}; else a random UUID.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements Ordered {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";

  private static final String ATTRIBUTE = RequestIdFilter.class.getName();
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE; // before any filter that may log
  }

  @RequestFilter
  public void assignRequestId(HttpRequest<?> request, MutablePropagatedContext propagated) {
    String requestId = requestIdOf(request);
    request.setAttribute(ATTRIBUTE, requestId);
    Map<String, String> mdc = new HashMap<>();
    Map<String, String> current = MDC.getCopyOfContextMap();
    if (current != null) {
      mdc.putAll(current);
    }
    mdc.put(MDC_KEY, requestId);
    // Everything after this filter (other filters, the route, its executor thread, the response
    // filters) runs with this MDC in place; the thread's previous MDC is restored after each step.
    propagated.add(new MdcPropagationContext(mdc));
  }

  @ResponseFilter
  public void echoRequestId(HttpRequest<?> request, MutableHttpResponse<?> response) {
    request.getAttribute(ATTRIBUTE, String.class).ifPresent(id -> response.header(HEADER, id));
  }

  static String requestIdOf(HttpRequest<?> request) {
    return apiGatewayRequestId(request)
        .or(
            () ->
                Optional.ofNullable(request.getHeaders().get(HEADER)).filter(RequestIdFilter::sane))
        .orElseGet(() -> UUID.randomUUID().toString());
  }

  static boolean sane(String candidate) {
    return TOKEN.matcher(candidate).matches();
  }

  private static Optional<String> apiGatewayRequestId(HttpRequest<?> request) {
    if (request instanceof ServletHttpRequest<?, ?> servlet
        && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
        && event.getRequestContext() != null) {
      // set by API Gateway, not by the client; looks like "JKJaXmPLvHcESHA="
      return Optional.ofNullable(event.getRequestContext().getRequestId())
          .filter(id -> !id.isBlank());
    }
    return Optional.empty();
  }
}

package dev.tollgate.functions.api;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Refusal;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer Micronaut writes itself (an exception no handler of ours took, a body that is
 * not JSON, a parameter that does not convert, no route, a method or media type a route does not
 * take) gets a Tollgate-written {@code {error, detail}} chosen by its status alone. Micronaut's
 * default processor copies exception messages into the body (parser positions, class names, an
 * internal error's own message), and renders an HTML page for a browser's {@code Accept}; a caller
 * learns nothing from those but how the gateway is built. What went wrong is logged instead.
 *
 * <p>Defining this bean replaces Micronaut's {@code DefaultErrorResponseProcessor} (which is
 * {@code @Requires(missingBeans = ErrorResponseProcessor.class)}) on Netty and under Lambda alike.
 */
@Singleton
public class GenericErrorResponses implements ErrorResponseProcessor<String> {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.http");

  @Override
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<String> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    int status = response.code();
    Refusal refusal = refusalFor(status);
    Optional<Throwable> cause = context.getRootCause();
    if (status >= 500) {
      LOG.error(
          "{} {} failed inside the gateway",
          context.getRequest().getMethod(),
          context.getRequest().getPath(),
          kv("action", "internal_error"),
          kv("status", status),
          cause.orElse(null));
    } else {
      LOG.info(
          "{} {} refused before any controller: {}",
          context.getRequest().getMethod(),
          context.getRequest().getPath(),
          refusal.errorReason(),
          kv("action", "request_refused"),
          kv("status", status),
          kv("errorReason", refusal.errorReason()),
          kv("cause", cause.map(Throwable::toString).orElse("none")),
          kv(
              "micronautMessage",
              context.hasErrors() ? context.getErrors().get(0).getMessage() : ""));
    }
    MutableHttpResponse<String> out = (MutableHttpResponse<String>) response;
    if (context.getRequest().getMethod() == HttpMethod.HEAD) {
      return out;
    }
    return out.contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(ApiJson.write(ApiJson.refusal(refusal)));
  }

  /** The refusal a status stands for, with a detail written here and nothing from the cause. */
  static Refusal refusalFor(int status) {
    return switch (status) {
      case 400 ->
          Refusal.of(
              GatewayReason.MALFORMED_REQUEST,
              "the request could not be read: a parameter, header or body is not what this route"
                  + " takes");
      case 401 -> Refusal.of(GatewayReason.UNAUTHORIZED, "this route needs credentials");
      case 404 -> Refusal.of(GatewayReason.NO_SUCH_ROUTE, "no route answers this path");
      case 405 ->
          Refusal.of(
              GatewayReason.METHOD_NOT_ALLOWED,
              "this path does not take this method; the Allow header lists those it takes");
      case 406 ->
          Refusal.of(GatewayReason.NOT_ACCEPTABLE, "this route answers application/json only");
      case 413 -> Refusal.of(GatewayReason.REQUEST_TOO_LARGE, "the request body is too large");
      case 431 ->
          Refusal.of(
              GatewayReason.REQUEST_HEADERS_TOO_LARGE, "the request's headers are too large");
      case 415 ->
          Refusal.of(
              GatewayReason.UNSUPPORTED_MEDIA_TYPE,
              "this route does not take a body of this Content-Type");
      default ->
          status >= 500
              ? Refusal.of(
                  GatewayReason.INTERNAL_ERROR,
                  "the gateway failed on its own; the request is not at fault and the failure is"
                      + " logged")
              : Refusal.of(GatewayReason.MALFORMED_REQUEST, "the request was refused");
    };
  }
}

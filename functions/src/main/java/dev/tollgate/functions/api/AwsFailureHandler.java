package dev.tollgate.functions.api;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Answers a request that an AWS call failed (DynamoDB throttled or timed out, KMS could not sign)
 * with a named refusal instead of an anonymous 500: {@code 503 service_unavailable} with {@code
 * Retry-After} when sending it again shortly can succeed. Every route gets it, the paywall's and
 * the channel API's alike.
 */
@Produces
@Singleton
@Requires(classes = {SdkException.class, ExceptionHandler.class})
public class AwsFailureHandler implements ExceptionHandler<SdkException, HttpResponse<String>> {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.channel");

  @Override
  public HttpResponse<String> handle(HttpRequest request, SdkException exception) {
    AwsFailure failure = AwsFailure.of(exception);
    LOG.warn(
        "{} {} failed on AWS: {}",
        request.getMethod(),
        request.getPath(),
        failure.reason().errorReason(),
        kv("action", "aws_failure"),
        kv("status", failure.reason().httpStatus()),
        kv("errorReason", failure.reason().errorReason()),
        kv("detail", failure.detail()),
        exception);
    MutableHttpResponse<String> response = Responses.refusal(failure.refusal());
    failure
        .retryAfter()
        .ifPresent(
            wait -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds())));
    return response;
  }
}

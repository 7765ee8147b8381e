package dev.tollgate.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLSession;

/**
 * The gateway's answer when its store or signer is briefly unavailable, as it sends it: {@code 503
 * service_unavailable} with {@code Retry-After: 1}. Made here, its body run through the caller's
 * handler, so a test can script it without the gateway failing.
 */
record ServiceUnavailable<T>(HttpRequest request, T body) implements HttpResponse<T> {
  private static final HttpHeaders HEADERS =
      HttpHeaders.of(
          Map.of("Retry-After", List.of("1"), "Content-Type", List.of("application/json")),
          (name, value) -> true);
  private static final byte[] BODY =
      "{\"error\":\"service_unavailable\",\"detail\":\"scripted: DynamoDB is throttling\"}"
          .getBytes(StandardCharsets.UTF_8);

  static <T> HttpResponse<T> of(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws InterruptedException {
    HttpResponse.BodySubscriber<T> subscriber =
        handler.apply(
            new HttpResponse.ResponseInfo() {
              @Override
              public int statusCode() {
                return 503;
              }

              @Override
              public HttpHeaders headers() {
                return HEADERS;
              }

              @Override
              public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
              }
            });
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
    subscriber.onNext(List.of(ByteBuffer.wrap(BODY)));
    subscriber.onComplete();
    try {
      return new ServiceUnavailable<>(request, subscriber.getBody().toCompletableFuture().get());
    } catch (ExecutionException e) {
      throw new IllegalStateException("the body handler failed on a scripted 503", e);
    }
  }

  @Override
  public int statusCode() {
    return 503;
  }

  @Override
  public Optional<HttpResponse<T>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return HEADERS;
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return Optional.empty();
  }

  @Override
  public URI uri() {
    return request.uri();
  }

  @Override
  public HttpClient.Version version() {
    return HttpClient.Version.HTTP_1_1;
  }
}

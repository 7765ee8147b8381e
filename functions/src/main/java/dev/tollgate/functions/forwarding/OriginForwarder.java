package dev.tollgate.functions.forwarding;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends a paid request on to its route's origin and brings the answer back. No retries: the payment
 * is taken before the request is forwarded (a payment sent twice at once could otherwise be served
 * twice), so a payer whose request failed at the origin sends it again with its {@code
 * TOLLGATE-RESEND} proof and is not charged again.
 */
public final class OriginForwarder {
  private final HttpClient http;

  public OriginForwarder() {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            // An origin is an HTTP/1.1 API: no h2c upgrade headers on its requests.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Why the origin gave no answer. */
  public static final class OriginFailedException extends Exception {
    private final boolean timedOut;

    OriginFailedException(String message, boolean timedOut, Throwable cause) {
      super(message, cause);
      this.timedOut = timedOut;
    }

    public boolean timedOut() {
      return timedOut;
    }
  }

  public OriginAnswer forward(
      Upstream upstream, String method, URI target, Map<String, List<String>> headers, byte[] body)
      throws OriginFailedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(upstream.timeout())
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    ForwardedHeaders.kept(headers)
        .forEach((name, values) -> values.forEach(v -> request.header(name, v)));
    try {
      HttpResponse<byte[]> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new OriginAnswer(
          answer.statusCode(), ForwardedHeaders.kept(answer.headers().map()), answer.body());
    } catch (HttpTimeoutException e) {
      throw new OriginFailedException(
          "the origin " + upstream.origin() + " did not answer within " + upstream.timeout(),
          true,
          e);
    } catch (IOException e) {
      throw new OriginFailedException(
          "the origin " + upstream.origin() + " could not be reached", false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OriginFailedException("interrupted while calling the origin", false, e);
    }
  }
}

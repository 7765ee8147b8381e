package dev.tollgate.sample.load;

import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that times each exchange the payer client makes and files it as a paid
 * request (it carries {@code PAYMENT-SIGNATURE}) or a quote (answered {@code 402} without one), so
 * the two round trips of a paid call are measured apart. Only {@link #send} is timed: the payer
 * client uses nothing else.
 */
final class TimedHttpClient extends HttpClient {
  private final HttpClient http;
  private volatile Latencies paid;
  private volatile Latencies quotes;

  TimedHttpClient(HttpClient http, Latencies paid, Latencies quotes) {
    this.http = Objects.requireNonNull(http, "http");
    recordInto(paid, quotes);
  }

  /** Where the following exchanges are recorded: each scenario has its own. */
  void recordInto(Latencies paid, Latencies quotes) {
    this.paid = Objects.requireNonNull(paid, "paid");
    this.quotes = Objects.requireNonNull(quotes, "quotes");
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<T> response = http.send(request, handler);
    long took = System.nanoTime() - start;
    if (request.headers().firstValue(X402Headers.PAYMENT_SIGNATURE).isPresent()) {
      paid.record(took);
    } else if (response.statusCode() == 402) {
      quotes.record(took);
    }
    return response;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return http.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return http.sendAsync(request, handler, push);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return http.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return http.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return http.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return http.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return http.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return http.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return http.authenticator();
  }

  @Override
  public Version version() {
    return http.version();
  }

  @Override
  public Optional<Executor> executor() {
    return http.executor();
  }
}

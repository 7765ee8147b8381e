package dev.tollgate.client.crash;

import dev.tollgate.client.ForwardingHttpClient;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The client's HTTP, noting the {@code PAYMENT-SIGNATURE} of every paid request it sends. */
final class SentPayments extends ForwardingHttpClient {
  private final List<String> sent = new ArrayList<>();

  SentPayments() {
    super(HttpClient.newHttpClient());
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    request
        .headers()
        .firstValue(X402Headers.PAYMENT_SIGNATURE)
        .ifPresent(
            payment -> {
              synchronized (sent) {
                sent.add(payment);
              }
            });
    return super.send(request, handler);
  }

  /** Every payment sent so far, in order, re-sends included. */
  List<String> all() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** The payments sent from the {@code from}-th on (counting from 0). */
  List<String> from(int from) {
    List<String> all = all();
    return all.subList(from, all.size());
  }
}

package dev.tollgate.client;

import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The payer client's HTTP with scripted failures of its paid requests (those carrying {@code
 * PAYMENT-SIGNATURE}): each paid request takes the next fault, if any is left, and every payment
 * sent is noted. Other requests go through untouched.
 */
final class FlakyHttpClient extends ForwardingHttpClient {
  enum Fault {
    /** The request never reaches the gateway: nothing is taken. */
    REFUSE,
    /** The gateway takes the payment and answers; the answer is lost on the way back. */
    LOSE_ANSWER,
    /** The gateway's store is briefly unavailable: 503 with Retry-After, nothing taken. */
    BUSY,
    /** The gateway took the payment, then timed out waiting for its store: 503, Retry-After. */
    BUSY_AFTER_TAKING
  }

  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<String> sent = new ArrayList<>();

  FlakyHttpClient() {
    super(HttpClient.newHttpClient());
  }

  synchronized FlakyHttpClient then(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      faults.addLast(fault);
    }
    return this;
  }

  synchronized List<String> sentPayments() {
    return List.copyOf(sent);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    var payment = request.headers().firstValue(X402Headers.PAYMENT_SIGNATURE);
    if (payment.isEmpty()) {
      return super.send(request, handler);
    }
    Fault fault;
    synchronized (this) {
      sent.add(payment.get());
      fault = faults.pollFirst();
    }
    if (fault == Fault.REFUSE) {
      throw new ConnectException("scripted: connection refused");
    }
    if (fault == Fault.BUSY) {
      return ServiceUnavailable.of(request, handler);
    }
    HttpResponse<T> answer = super.send(request, handler);
    if (fault == Fault.BUSY_AFTER_TAKING) {
      return ServiceUnavailable.of(request, handler);
    }
    if (fault == Fault.LOSE_ANSWER) {
      throw new IOException("scripted: connection reset after the gateway answered");
    }
    return answer;
  }
}

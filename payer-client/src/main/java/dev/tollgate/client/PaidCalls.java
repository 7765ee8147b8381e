package dev.tollgate.client;

import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * One paid HTTP call: the request as the caller built it; on a 402 offering {@code
 * vector-hashlock}, a create built on the channel and the same request again with {@code
 * PAYMENT-SIGNATURE}; on success the countersigned create and the gateway's resolve from {@code
 * PAYMENT-RESPONSE} taken into the channel.
 *
 * <p>The channel's lock is taken only once the 402 is in hand, and held from building the create
 * until its answer is taken in: the next create builds on this one's resolve. A 409 (the channel
 * moved elsewhere: another client of the same key) catches up from the gateway's history and pays
 * again once; so does an expired quote, with the fresh quote its 402 carries.
 */
final class PaidCalls {
  private final HttpClient http;
  private final URI gatewayBase;
  private final Optional<Uint256> maxPrice;

  PaidCalls(HttpClient http, URI gatewayBase, Optional<Uint256> maxPrice) {
    this.http = Objects.requireNonNull(http, "http");
    this.gatewayBase = Objects.requireNonNull(gatewayBase, "gatewayBase");
    this.maxPrice = Objects.requireNonNull(maxPrice, "maxPrice");
  }

  /** Where the channel comes from, started on the first call that has to pay. */
  interface Sessions {
    Session session() throws IOException, InterruptedException;
  }

  <T> HttpResponse<T> send(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, Sessions sessions)
      throws IOException, InterruptedException {
    HttpResponse<T> first = exchange(request, handler, "");
    X402Answer asked = X402Answer.of(first.statusCode(), first.headers());
    if (!asked.asksForPayment()) {
      return first;
    }
    Session session = sessions.session();
    PaymentRequired required = asked.required().orElseThrow();
    PaymentRequirements offer = PaymentChoice.choose(required, session.gateway, maxPrice);
    session.channel.lock().lock();
    try {
      return pay(session, request, handler, required, offer);
    } finally {
      session.channel.lock().unlock();
    }
  }

  private <T> HttpResponse<T> pay(
      Session session,
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      PaymentRequired required,
      PaymentRequirements offer)
      throws IOException, InterruptedException {
    boolean caughtUp = false;
    boolean requoted = false;
    while (true) {
      ChannelUpdate create;
      try {
        create = session.channel.create(offer, session.clock.nowSeconds());
      } catch (InsufficientBalanceException e) {
        if (caughtUp) {
          throw e;
        }
        // another client of the same key may have deposited: look once before refusing
        caughtUp = true;
        session.catchUp();
        continue;
      }
      HttpRequest paid = withPayment(request, required, offer, create);
      HttpResponse<T> answer =
          exchange(paid, handler, " after sending its payment (the next call reconciles)");
      X402Answer x = X402Answer.of(answer.statusCode(), answer.headers());
      if (x.isSettled()) {
        session.channel.acceptPayment(
            create, x.settlement().orElseThrow(), session.clock.nowSeconds());
        return answer;
      }
      if (answer.statusCode() >= 200 && answer.statusCode() < 300) {
        // served but the receipt was not passed on: the gateway's history says what was taken
        session.catchUp();
        return answer;
      }
      if (answer.statusCode() == 409 && !caughtUp) {
        caughtUp = true;
        session.catchUp();
        continue;
      }
      if (x.isRefusal()) {
        SettlementResponse refused = x.settlement().orElseThrow();
        String reason = refused.errorReason().orElse("http_" + answer.statusCode());
        if (reason.equals("quote_expired") && !requoted && x.required().isPresent()) {
          requoted = true;
          required = x.required().get();
          offer = PaymentChoice.choose(required, session.gateway, maxPrice);
          continue;
        }
        throw new PaymentRefusedException(
            answer.statusCode(),
            reason,
            refused.errorMessage().orElse("the gateway gave no detail"));
      }
      if (answer.statusCode() == 402) {
        throw new PaymentRefusedException(
            402,
            "payment_required",
            "the server asked for payment again without a PAYMENT-RESPONSE saying why");
      }
      // Neither served nor refused (a 5xx): whether the gateway took the payment is in its history.
      session.catchUp();
      if (answer.statusCode() == 502) {
        throw new GatewayUnreachableException(
            request.uri() + " answered 502: the resource server could not reach the gateway");
      }
      return answer;
    }
  }

  private static HttpRequest withPayment(
      HttpRequest request,
      PaymentRequired required,
      PaymentRequirements offer,
      ChannelUpdate create) {
    String header = X402Headers.encode(PaymentPayload.of(required.resource(), offer, create));
    return HttpRequest.newBuilder(
            request, (name, value) -> !name.equalsIgnoreCase(X402Headers.PAYMENT_SIGNATURE))
        .header(X402Headers.PAYMENT_SIGNATURE, header)
        .build();
  }

  /**
   * Sends {@code request}; the body of an answer this class handles itself (a 402 it pays, a
   * refusal it throws) is discarded rather than given to the caller's handler.
   */
  private <T> HttpResponse<T> exchange(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, String when)
      throws IOException, InterruptedException {
    HttpResponse.BodyHandler<T> paymentAware =
        info ->
            X402Answer.of(info.statusCode(), info.headers()).handledHere()
                ? HttpResponse.BodySubscribers.replacing(null)
                : handler.apply(info);
    try {
      return http.send(request, paymentAware);
    } catch (IOException e) {
      if (e instanceof TollgateException || !sameOrigin(request.uri(), gatewayBase)) {
        throw e;
      }
      throw new GatewayUnreachableException(
          "the gateway at "
              + gatewayBase
              + " is unreachable ("
              + request.method()
              + " "
              + request.uri().getPath()
              + when
              + "): "
              + GatewayApi.describe(e),
          e);
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}

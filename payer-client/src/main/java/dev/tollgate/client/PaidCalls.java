package dev.tollgate.client;

import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResendProof;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 *
 * <p>A paid request whose answer is lost (the connection refused, reset or timed out once the
 * payment may have left) is sent again as it was, same {@code PAYMENT-SIGNATURE}, as {@link
 * ResendPolicy} says, still under the lock, with the payer's resend proof: the gateway answers a
 * payment it recorded with the recorded answer (to the payer only: a copy without the proof is
 * refused) and takes one it never saw, so either way the payment counts once. If by then the quote
 * has expired, the gateway's history tells which: a payment it took is not made again ({@link
 * PaidNotServedException}), one it never took is made with the fresh quote.
 */
final class PaidCalls {
  private final HttpClient http;
  private final URI gatewayBase;
  private final Optional<Uint256> maxPrice;
  private final ResendPolicy resend;
  private final Sleeper sleeper;

  PaidCalls(
      HttpClient http,
      URI gatewayBase,
      Optional<Uint256> maxPrice,
      ResendPolicy resend,
      Sleeper sleeper) {
    this.http = Objects.requireNonNull(http, "http");
    this.gatewayBase = Objects.requireNonNull(gatewayBase, "gatewayBase");
    this.maxPrice = Objects.requireNonNull(maxPrice, "maxPrice");
    this.resend = Objects.requireNonNull(resend, "resend");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Where the channel comes from, started on the first call that has to pay. */
  interface Sessions {
    Session session() throws IOException, InterruptedException;
  }

  <T> HttpResponse<T> send(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, Sessions sessions)
      throws IOException, InterruptedException {
    HttpResponse<T> first = exchange(request, handler);
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
      PayerChannel channel = session.channel;
      ChannelUpdate sentCreate = create;
      Sent<T> sent =
          sendPayment(
              n -> n == 0 ? paid : withResendProof(paid, channel.resendProof(sentCreate, n)),
              handler);
      HttpResponse<T> answer = sent.answer();
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
        if (reason.equals("quote_expired") && sent.resends() > 0) {
          // The first attempt's answer was lost: the gateway may have taken the payment then.
          requireNotTaken(session, request, create, offer);
        }
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

  /** An answer to a paid request, and how many times the request was sent again to get it. */
  private record Sent<T>(HttpResponse<T> answer, int resends) {}

  /**
   * Sends the paid request, and sends it again as it is while no answer comes back or the gateway
   * answers {@code 503} with {@code Retry-After} (its store or signer was briefly unavailable), as
   * {@link #resend} says, waiting at least what the gateway asked. Sending the same payment again
   * is safe either way: a payment the gateway recorded is answered from the record, one it did not
   * is taken now. A re-send carries the payer's proof, numbered by the attempt ({@code
   * TOLLGATE-RESEND}): the gateway serves a payment it took again only to its payer. When every
   * attempt fails, the payment may or may not have been taken; if it was, the next call's create
   * meets a 409 and catches up.
   */
  private <T> Sent<T> sendPayment(
      java.util.function.IntFunction<HttpRequest> attempt, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Duration asked = Duration.ZERO;
    for (int resends = 0; ; resends++) {
      if (resends > 0) {
        Duration wait = resend.waitBefore(resends);
        sleeper.sleep(asked.compareTo(wait) > 0 ? asked : wait);
      }
      HttpResponse<T> answer;
      HttpRequest paid = attempt.apply(resends);
      try {
        answer = http.send(paid, paymentAware(handler));
      } catch (IOException e) {
        if (e instanceof TollgateException) {
          throw e;
        }
        if (resends == resend.retries()) {
          throw unreachable(
              paid,
              " after sending its payment " + (resends + 1) + " time(s); the next call reconciles",
              e);
        }
        asked = Duration.ZERO;
        continue;
      }
      Optional<Duration> retryAfter = retryAfter(answer);
      if (retryAfter.isEmpty() || resends == resend.retries()) {
        return new Sent<>(answer, resends);
      }
      asked = retryAfter.get();
    }
  }

  /** The longest a {@code Retry-After} is honoured: a longer one is the caller's to wait for. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  /**
   * How long a {@code 503} asks the payer to wait before sending again, when it asks in seconds
   * (the gateway's own form) and within {@link #MAX_RETRY_AFTER}.
   */
  static Optional<Duration> retryAfter(HttpResponse<?> answer) {
    if (answer.statusCode() != 503) {
      return Optional.empty();
    }
    Optional<String> header = answer.headers().firstValue("Retry-After");
    if (header.isEmpty() || !header.get().trim().matches("[0-9]{1,6}")) {
      return Optional.empty();
    }
    Duration wait = Duration.ofSeconds(Long.parseLong(header.get().trim()));
    return wait.compareTo(MAX_RETRY_AFTER) <= 0 ? Optional.of(wait) : Optional.empty();
  }

  /**
   * After a lost answer and an expired quote: catches up and, if the gateway's history holds {@code
   * create}, reports the payment taken but not served rather than paying for the resource again.
   */
  private static void requireNotTaken(
      Session session, HttpRequest request, ChannelUpdate create, PaymentRequirements offer)
      throws IOException, InterruptedException {
    for (ChannelUpdate recorded : session.catchUp()) {
      if (recorded.nonce() == create.nonce() && recorded.details().equals(create.details())) {
        UpdateDetails.Create created = (UpdateDetails.Create) create.details();
        throw new PaidNotServedException(
            "the gateway took payment "
                + created.transferId()
                + " ("
                + offer.amount()
                + " of "
                + offer.asset()
                + ") for "
                + request.uri()
                + " at nonce "
                + create.nonce()
                + ", but its answer was lost and the quote had expired when the payment was sent"
                + " again: the resource was not served, the channel is up to date",
            created.transferId());
      }
    }
  }

  private static HttpRequest withResendProof(HttpRequest paid, String proof) {
    return HttpRequest.newBuilder(paid, (name, value) -> !name.equalsIgnoreCase(ResendProof.HEADER))
        .header(ResendProof.HEADER, proof)
        .build();
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
  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    try {
      return http.send(request, paymentAware(handler));
    } catch (IOException e) {
      if (e instanceof TollgateException) {
        throw e;
      }
      throw unreachable(request, "", e);
    }
  }

  private static <T> HttpResponse.BodyHandler<T> paymentAware(HttpResponse.BodyHandler<T> handler) {
    return info ->
        X402Answer.of(info.statusCode(), info.headers()).handledHere()
            ? HttpResponse.BodySubscribers.replacing(null)
            : handler.apply(info);
  }

  /**
   * {@code e} as a {@link GatewayUnreachableException} when {@code request} went to the gateway
   * itself; a resource server's own failure is passed on as it is.
   */
  private IOException unreachable(HttpRequest request, String when, IOException e) {
    if (!sameOrigin(request.uri(), gatewayBase)) {
      return e;
    }
    return new GatewayUnreachableException(
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

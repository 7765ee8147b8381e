package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.functions.forwarding.OriginAnswer;
import dev.tollgate.functions.forwarding.OriginForwarder;
import dev.tollgate.functions.forwarding.RouteUpstreams;
import dev.tollgate.functions.forwarding.Upstream;
import dev.tollgate.functions.paywall.CanonicalPath;
import dev.tollgate.functions.paywall.PaidRequests;
import dev.tollgate.functions.paywall.PriceList;
import dev.tollgate.functions.paywall.PricedRoute;
import dev.tollgate.functions.paywall.Seller;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.ResendProof;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Paid resources on the x402 v2 HTTP transport: without a payment, {@code 402} with a quote in
 * {@code PAYMENT-REQUIRED}; with one in {@code PAYMENT-SIGNATURE}, the payment is settled and the
 * resource served with the receipt in {@code PAYMENT-RESPONSE}. A refused payment gets the refusal
 * in {@code PAYMENT-RESPONSE}, and a fresh quote when another attempt can succeed. A payment serves
 * once; a copy of it serves again only with the payer's proof in {@code TOLLGATE-RESEND}.
 */
@Controller("/paid")
@Requires(beans = PaidRequests.class)
public class PaidResourceController {
  private final PaidRequests payments;
  private final PriceList prices;
  private final RouteUpstreams upstreams;
  private final OriginForwarder forwarder;

  public PaidResourceController(
      PaidRequests payments,
      PriceList prices,
      RouteUpstreams upstreams,
      OriginForwarder forwarder) {
    this.payments = payments;
    this.prices = prices;
    this.upstreams = upstreams;
    this.forwarder = forwarder;
  }

  @Get(uri = "/{+path}", produces = MediaType.ALL)
  public HttpResponse<?> resource(
      HttpRequest<?> request,
      @PathVariable("path") String ignoredPath,
      @Nullable @Header(X402Headers.PAYMENT_SIGNATURE) String paymentSignature,
      @Nullable @Header(ResendProof.HEADER) String resend) {
    return serve(request, paymentSignature, resend, new byte[0]);
  }

  /** A paid request with a body: only a route that forwards to an origin takes one. */
  @Post(uri = "/{+path}", consumes = MediaType.ALL, produces = MediaType.ALL)
  public HttpResponse<?> post(
      HttpRequest<?> request,
      @PathVariable("path") String ignoredPath,
      @Nullable @Header(X402Headers.PAYMENT_SIGNATURE) String paymentSignature,
      @Nullable @Header(ResendProof.HEADER) String resend,
      @Nullable @Body byte[] body) {
    return serve(request, paymentSignature, resend, body == null ? new byte[0] : body);
  }

  private HttpResponse<?> serve(
      HttpRequest<?> request, String paymentSignature, String resend, byte[] body) {
    // The full path, prefix included: quotes and priced routes are both keyed by it.
    String path = request.getPath();
    Optional<Refusal> crooked = CanonicalPath.refusal(path);
    if (crooked.isPresent()) {
      return Responses.refusal(crooked.get());
    }
    Optional<PricedRoute> route = prices.routeFor(path);
    if (route.isEmpty()) {
      return Responses.refusal(
          Refusal.of(GatewayReason.NO_SUCH_RESOURCE, "no priced route covers " + path));
    }
    Optional<Upstream> upstream = upstreams.forPrefix(route.get().prefix());
    if (upstream.isEmpty() && !request.getMethod().name().equals("GET")) {
      return Responses.refusal(
              Refusal.of(
                  GatewayReason.METHOD_NOT_ALLOWED,
                  "the route " + route.get().prefix() + " serves GET only"))
          .header(HttpHeaders.ALLOW, "GET");
    }
    if (route.get().isFree()) {
      return upstream.isPresent()
          ? forwarded(request, route.get(), upstream.get(), body, Optional.empty())
          : Responses.json(HttpStatus.OK, body(path, route.get(), Optional.empty()));
    }
    if (paymentSignature == null) {
      return challenge(route.get(), path, Optional.empty());
    }
    Checked<PaymentPayload> payment = decodeOne(request, paymentSignature);
    Checked<SettlementResponse> settled =
        payment.flatMap(
            p -> payments.settle(p, path, Seller.route(route.get()), Optional.ofNullable(resend)));
    if (settled.isOk()) {
      ChannelLog.paid(settled.value());
      if (upstream.isPresent()) {
        return forwarded(request, route.get(), upstream.get(), body, Optional.of(settled.value()));
      }
      return Responses.json(HttpStatus.OK, body(path, route.get(), Optional.of(settled.value())))
          .header(X402Headers.PAYMENT_RESPONSE, X402Headers.encode(settled.value()));
    }
    Refusal refusal = settled.refusal();
    Optional<ChannelUpdate> create =
        payment.isOk() ? Optional.of(payment.value().payload()) : Optional.empty();
    ChannelLog.refused("pay", create.map(c -> c.channelAddress().toString()).orElse("-"), refusal);
    SettlementResponse failed = payments.refusedSettlement(refusal, create);
    MutableHttpResponse<String> response =
        refusal.httpStatus() == 402
            ? challenge(route.get(), path, Optional.of(refusal.errorReason()))
            : Responses.refusal(refusal);
    return response.header(X402Headers.PAYMENT_RESPONSE, X402Headers.encode(failed));
  }

  /**
   * The origin's answer to the request, with the settlement that paid for it. The payment is
   * already taken: when the origin fails, the answer says so and the payer's re-send with its
   * {@code TOLLGATE-RESEND} proof tries the origin again at no charge.
   */
  private MutableHttpResponse<?> forwarded(
      HttpRequest<?> request,
      PricedRoute route,
      Upstream upstream,
      byte[] body,
      Optional<SettlementResponse> settlement) {
    String remainder = request.getPath().substring(route.prefix().length());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.getHeaders().forEach((name, values) -> headers.put(name, values));
    MutableHttpResponse<?> response;
    try {
      OriginAnswer answer =
          forwarder.forward(
              upstream,
              request.getMethod().name(),
              upstream.target(remainder, request.getUri().getRawQuery()),
              headers,
              body);
      MutableHttpResponse<byte[]> out =
          HttpResponse.<byte[]>status(HttpStatus.valueOf(answer.status())).body(answer.body());
      answer.headers().forEach((name, values) -> values.forEach(v -> out.header(name, v)));
      response = out;
    } catch (OriginForwarder.OriginFailedException e) {
      ChannelLog.originFailed(route.prefix(), e);
      response =
          Responses.refusal(
              Refusal.of(
                  e.timedOut() ? GatewayReason.ORIGIN_TIMEOUT : GatewayReason.ORIGIN_UNAVAILABLE,
                  e.getMessage()
                      + (settlement.isPresent()
                          ? "; the payment was taken: send it again with your TOLLGATE-RESEND"
                              + " proof to try again without paying twice"
                          : "")));
    }
    if (settlement.isPresent()) {
      response.header(X402Headers.PAYMENT_RESPONSE, X402Headers.encode(settlement.get()));
    }
    return response;
  }

  /**
   * The one payment the request carries. {@code PAYMENT-SIGNATURE} is not a list (RFC 9110 §5.3):
   * of several, a server can only guess which one the payer meant, so several are refused. (Behind
   * API Gateway they arrive joined by commas, which no base64 contains.)
   */
  private static Checked<PaymentPayload> decodeOne(HttpRequest<?> request, String first) {
    int count = request.getHeaders().getAll(X402Headers.PAYMENT_SIGNATURE).size();
    if (count > 1) {
      return Checked.refused(
          PaywallReason.MALFORMED_PAYMENT_HEADER,
          "the request carries "
              + count
              + " "
              + X402Headers.PAYMENT_SIGNATURE
              + " headers; send exactly one");
    }
    return X402Headers.decodePaymentSignature(first);
  }

  private MutableHttpResponse<String> challenge(
      PricedRoute route, String path, Optional<String> why) {
    var required = payments.challenge(route, path, why);
    return Responses.json(HttpStatus.PAYMENT_REQUIRED, required.toJson())
        .header(X402Headers.PAYMENT_REQUIRED, X402Headers.encode(required));
  }

  /**
   * What the gateway itself serves for a priced route: a receipt naming the resource. A publisher
   * serves its own content behind {@code /settle}; an API provider points a route at its API.
   */
  private static ObjectNode body(
      String path, PricedRoute route, Optional<SettlementResponse> settlement) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.put("resource", path);
    out.put("description", route.description());
    out.put("price", route.price().toDecimal());
    settlement
        .flatMap(SettlementResponse::transaction)
        .ifPresent(t -> out.put("transferId", t.toHex()));
    return out;
  }
}

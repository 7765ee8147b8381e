package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
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
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
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

  public PaidResourceController(PaidRequests payments, PriceList prices) {
    this.payments = payments;
    this.prices = prices;
  }

  @Get(uri = "/{+path}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> resource(
      HttpRequest<?> request,
      @PathVariable("path") String ignoredPath,
      @Nullable @Header(X402Headers.PAYMENT_SIGNATURE) String paymentSignature,
      @Nullable @Header(ResendProof.HEADER) String resend) {
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
    if (route.get().isFree()) {
      return Responses.json(HttpStatus.OK, body(path, route.get(), Optional.empty()));
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

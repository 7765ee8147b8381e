package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.paywall.PaidRequests;
import dev.tollgate.functions.paywall.PricedRoute;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.util.Optional;

/**
 * The paywall for a publisher's own server, in any language: {@code /quote} makes the 402 for a
 * resource, {@code /verify} checks a payment without taking it, {@code /settle} takes it. The
 * server names the resource it is serving; the quote inside the payment must be for it.
 */
@Controller
@Requires(beans = PaidRequests.class)
public class FacilitatorController {
  private final PaidRequests payments;

  public FacilitatorController(PaidRequests payments) {
    this.payments = payments;
  }

  /** {@code {resource: {url, description?, mimeType?}, amount}} → PaymentRequired. */
  @Post(uri = "/quote", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> quote(@Body @Nullable String body) {
    Checked<QuoteRequest> request = ApiJson.body(body).flatMap(FacilitatorController::quoteRequest);
    if (!request.isOk()) {
      return Responses.refusal(request.refusal());
    }
    var required =
        payments.challenge(request.value().route(), request.value().url(), Optional.empty());
    return Responses.json(HttpStatus.OK, required.toJson())
        .header(X402Headers.PAYMENT_REQUIRED, X402Headers.encode(required));
  }

  private record QuoteRequest(PricedRoute route, String url) {}

  private static Checked<QuoteRequest> quoteRequest(JsonNode json) {
    JsonNode resource = json.get("resource");
    if (resource == null || !resource.isObject() || !resource.path("url").isTextual()) {
      return Checked.refused(GatewayReason.MALFORMED_REQUEST, "the body needs resource.url");
    }
    return ApiJson.text(json, "amount")
        .flatMap(FacilitatorController::price)
        .map(
            amount ->
                new QuoteRequest(
                    new PricedRoute(
                        "/",
                        amount,
                        resource.path("description").asText(""),
                        resource.path("mimeType").asText("application/json")),
                    resource.get("url").asText()));
  }

  /**
   * {@code {paymentPayload, resource}} → {@code {isValid, invalidReason?, invalidMessage?, payer}}.
   */
  @Post(uri = "/verify", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> verify(@Body @Nullable String body) {
    Checked<Request> request = request(body);
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    if (!request.isOk()) {
      return Responses.refusal(request.refusal());
    }
    var verified =
        payments.verify(
            request.value().payment(), request.value().resource(), request.value().resend());
    out.put("isValid", verified.isOk());
    if (!verified.isOk()) {
      out.put("invalidReason", verified.refusal().errorReason());
      out.put("invalidMessage", verified.refusal().detail());
    }
    out.put("payer", request.value().payment().payload().fromIdentifier().toChecksumHex());
    return Responses.json(HttpStatus.OK, out);
  }

  /**
   * {@code {paymentPayload, resource, resend?}} → SettlementResponse (with its status on a
   * refusal).
   */
  @Post(uri = "/settle", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> settle(@Body @Nullable String body) {
    Checked<Request> request = request(body);
    if (!request.isOk()) {
      return Responses.refusal(request.refusal());
    }
    PaymentPayload payment = request.value().payment();
    Checked<SettlementResponse> settled =
        payments.settle(payment, request.value().resource(), request.value().resend());
    if (settled.isOk()) {
      ChannelLog.paid(settled.value());
      return Responses.json(HttpStatus.OK, settled.value().toJson());
    }
    Refusal refusal = settled.refusal();
    ChannelLog.refused("settle", payment.payload().channelAddress().toString(), refusal);
    SettlementResponse failed = payments.refusedSettlement(refusal, Optional.of(payment.payload()));
    return Responses.json(HttpStatus.valueOf(refusal.httpStatus()), failed.toJson());
  }

  /**
   * {@code resend} is the payer's {@code TOLLGATE-RESEND} header, passed on by the publisher: a
   * payment sent again is served again only with it.
   */
  private record Request(PaymentPayload payment, String resource, Optional<String> resend) {}

  private static Checked<Request> request(String body) {
    return ApiJson.body(body)
        .flatMap(
            json ->
                ApiJson.text(json, "resource")
                    .flatMap(
                        resource -> {
                          JsonNode payload = json.get("paymentPayload");
                          if (payload == null || !payload.isObject()) {
                            return Checked.refused(
                                GatewayReason.MALFORMED_REQUEST,
                                "the body needs a paymentPayload object");
                          }
                          try {
                            return Checked.ok(
                                new Request(
                                    PaymentPayload.fromJson(payload, "paymentPayload"),
                                    resource,
                                    json.path("resend").isTextual()
                                        ? Optional.of(json.get("resend").asText())
                                        : Optional.empty()));
                          } catch (IllegalArgumentException e) {
                            return Checked.refused(GatewayReason.MALFORMED_REQUEST, e.getMessage());
                          }
                        }));
  }

  private static Checked<Uint256> price(String amount) {
    try {
      Uint256 price = Uint256.parse(amount);
      return price.isZero()
          ? Checked.refused(GatewayReason.MALFORMED_REQUEST, "amount must be positive")
          : Checked.ok(price);
    } catch (IllegalArgumentException e) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, "amount is not a uint256 decimal: " + e.getMessage());
    }
  }
}

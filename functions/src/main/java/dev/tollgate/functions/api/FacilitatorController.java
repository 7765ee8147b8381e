package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.paywall.PaidRequests;
import dev.tollgate.functions.paywall.PricedRoute;
import dev.tollgate.functions.paywall.Seller;
import dev.tollgate.functions.publisher.Publisher;
import dev.tollgate.functions.publisher.Publishers;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.SchemePayment;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.util.Optional;

/**
 * The paywall for a publisher's own server, in any language: {@code /quote} makes the 402 for a
 * resource, {@code /verify} checks a payment without taking it, {@code /settle} takes it. Only a
 * configured publisher may call them ({@code Authorization: Bearer <its token>}), for the resources
 * it sells, and the price is its decision: it names the price when it quotes and again when it
 * settles, and a payment on a quote below that price, or on a quote another seller issued, is
 * refused.
 */
@Controller
@Requires(beans = PaidRequests.class)
public class FacilitatorController {
  /** Longer than any URL a browser sends; a resource is named, not uploaded. */
  static final int MAX_URL_CHARS = 2048;

  static final int MAX_TEXT_CHARS = 512;

  private final PaidRequests payments;
  private final Publishers publishers;

  public FacilitatorController(PaidRequests payments, Publishers publishers) {
    this.payments = payments;
    this.publishers = publishers;
  }

  /** {@code {resource: {url, description?, mimeType?}, amount}} → PaymentRequired. */
  @Post(uri = "/quote", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> quote(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Body @Nullable String body) {
    Checked<Publisher> publisher = publishers.authenticate(authorization);
    if (!publisher.isOk()) {
      return Responses.refusal(publisher.refusal());
    }
    Checked<QuoteRequest> request =
        ApiJson.body(body)
            .flatMap(FacilitatorController::quoteRequest)
            .flatMap(r -> Publishers.selling(publisher.value(), r.url()).map(ignored -> r));
    if (!request.isOk()) {
      return Responses.refusal(request.refusal());
    }
    var required =
        payments.challenge(
            request.value().route(),
            request.value().url(),
            publisher.value().issuer(),
            Optional.empty());
    return Responses.json(HttpStatus.OK, required.toJson())
        .header(X402Headers.PAYMENT_REQUIRED, X402Headers.encode(required));
  }

  private record QuoteRequest(PricedRoute route, String url) {}

  private static Checked<QuoteRequest> quoteRequest(JsonNode json) {
    JsonNode resource = json.get("resource");
    if (resource == null || !resource.isObject()) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, "the body needs an object 'resource' with a 'url'");
    }
    return resourceUrl(resource.get("url"), "resource.url")
        .flatMap(
            url ->
                optionalText(resource, "description", "")
                    .flatMap(
                        description ->
                            optionalText(resource, "mimeType", "application/json")
                                .flatMap(
                                    mimeType ->
                                        ApiJson.text(json, "amount")
                                            .flatMap(a -> price("amount", a))
                                            .map(
                                                amount ->
                                                    new QuoteRequest(
                                                        new PricedRoute(
                                                            "/", amount, description, mimeType),
                                                        url)))));
  }

  /**
   * x402's {@code {x402Version, paymentPayload, paymentRequirements}}, or Tollgate's own {@code
   * {paymentPayload, resource, price, resend?}} → {@code {isValid, invalidReason?, invalidMessage?,
   * payer}}. In x402's form the price is {@code paymentRequirements.amount}, the resource is the
   * payload's (or Tollgate's {@code resource}, when given), and a refusal is an answer: {@code 200}
   * with x402's code in {@code invalidReason} and Tollgate's reason leading {@code invalidMessage}.
   */
  @Post(uri = "/verify", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> verify(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Body @Nullable String body) {
    Checked<Incoming> incoming = incoming(authorization, body);
    if (!incoming.isOk()) {
      return Responses.refusal(incoming.refusal());
    }
    boolean x402 = incoming.value().x402();
    Checked<Request> request = incoming.value().request();
    if (!request.isOk()) {
      return x402
          ? X402FacilitatorForm.invalid(request.refusal(), Optional.empty())
          : Responses.refusal(request.refusal());
    }
    Request r = request.value();
    var verified = payments.verify(r.payment(), r.resource(), r.seller(), r.resend());
    Address payer = r.payment().create().fromIdentifier();
    if (x402 && !verified.isOk()) {
      return X402FacilitatorForm.invalid(verified.refusal(), Optional.of(payer));
    }
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.put("isValid", verified.isOk());
    if (!verified.isOk()) {
      out.put("invalidReason", verified.refusal().errorReason());
      out.put("invalidMessage", verified.refusal().detail());
    }
    out.put("payer", payer.toChecksumHex());
    return Responses.json(HttpStatus.OK, out);
  }

  /**
   * The same two forms as {@link #verify} → SettlementResponse. In Tollgate's form a refusal has
   * its status; in x402's it is {@code 200} with {@code success: false} and x402's code in {@code
   * errorReason} (the gateway's own failures keep their 5xx), and a settlement also carries the
   * countersigned create and resolve under {@code extensions["vector-hashlock"]}, which x402's
   * facilitator client keeps.
   */
  @Post(uri = "/settle", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> settle(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Body @Nullable String body) {
    Checked<Incoming> incoming = incoming(authorization, body);
    if (!incoming.isOk()) {
      return Responses.refusal(incoming.refusal());
    }
    boolean x402 = incoming.value().x402();
    Checked<Request> request = incoming.value().request();
    if (!request.isOk()) {
      return x402
          ? X402FacilitatorForm.failed(request.refusal(), Optional.empty(), payments.network())
          : Responses.refusal(request.refusal());
    }
    Request r = request.value();
    SchemePayment payment = r.payment();
    Checked<SettlementResponse> settled =
        payments.settle(payment, r.resource(), r.seller(), r.resend());
    if (settled.isOk()) {
      ChannelLog.paid(settled.value());
      return Responses.json(
          HttpStatus.OK,
          x402 ? X402FacilitatorForm.settled(settled.value()) : settled.value().toJson());
    }
    Refusal refusal = settled.refusal();
    ChannelLog.refused("settle", payment.create().channelAddress().toString(), refusal);
    if (x402) {
      return X402FacilitatorForm.failed(
          refusal, Optional.of(payment.create().fromIdentifier()), payments.network());
    }
    SettlementResponse failed = payments.refusedSettlement(refusal, Optional.of(payment.create()));
    return Responses.json(HttpStatus.valueOf(refusal.httpStatus()), failed.toJson());
  }

  /** A request from a known publisher, read in whichever form it came. */
  private record Incoming(boolean x402, Checked<Request> request) {}

  /**
   * A missing token and an unreadable body are refused the same way in both forms; what the body
   * says is then read as x402's form or Tollgate's, and a refusal of it answered in that form.
   */
  private Checked<Incoming> incoming(String authorization, String body) {
    return publishers
        .authenticate(authorization)
        .flatMap(
            publisher ->
                ApiJson.body(body)
                    .map(
                        json ->
                            X402FacilitatorForm.isX402(json)
                                ? new Incoming(
                                    true,
                                    X402FacilitatorForm.request(json)
                                        .flatMap(r -> sold(publisher, r))
                                        .map(r -> r.toRequest(publisher)))
                                : new Incoming(false, request(publisher, json))));
  }

  private static Checked<X402FacilitatorForm.Parsed> sold(
      Publisher publisher, X402FacilitatorForm.Parsed parsed) {
    return resourceUrl(TextNode.valueOf(parsed.resource()), "resource")
        .flatMap(url -> Publishers.selling(publisher, url))
        .map(p -> parsed);
  }

  /**
   * {@code price} is what the publisher asks for the resource now, in base units; {@code resend} is
   * the payer's {@code TOLLGATE-RESEND} header, passed on by the publisher: a payment sent again is
   * served again only with it.
   */
  record Request(SchemePayment payment, String resource, Seller seller, Optional<String> resend) {}

  private static Checked<Request> request(Publisher publisher, JsonNode json) {
    return resourceUrl(json.get("resource"), "resource")
        .flatMap(resource -> Publishers.selling(publisher, resource).map(p -> resource))
        .flatMap(
            resource ->
                ApiJson.text(json, "price")
                    .flatMap(p -> price("price", p))
                    .flatMap(
                        price -> {
                          JsonNode payload = json.get("paymentPayload");
                          if (payload == null || !payload.isObject()) {
                            return Checked.refused(
                                GatewayReason.MALFORMED_REQUEST,
                                "the body needs a paymentPayload object");
                          }
                          JsonNode resend = json.get("resend");
                          if (resend != null && !resend.isTextual() && !resend.isNull()) {
                            return Checked.refused(
                                GatewayReason.MALFORMED_REQUEST,
                                "resend must be the payer's TOLLGATE-RESEND header as a string");
                          }
                          try {
                            return Checked.ok(
                                new Request(
                                    SchemePayment.fromJson(payload, "paymentPayload"),
                                    resource,
                                    new Seller(publisher.issuer(), price),
                                    resend != null && resend.isTextual()
                                        ? Optional.of(resend.asText())
                                        : Optional.empty()));
                          } catch (IllegalArgumentException e) {
                            return Checked.refused(GatewayReason.MALFORMED_REQUEST, e.getMessage());
                          }
                        }));
  }

  /** A resource's URL: named, printable, and short enough to log. */
  static Checked<String> resourceUrl(JsonNode node, String field) {
    if (node == null || !node.isTextual()) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, "the body needs a string '" + field + "'");
    }
    String url = node.asText();
    if (url.isBlank()) {
      return Checked.refused(GatewayReason.MALFORMED_REQUEST, field + " must not be empty");
    }
    if (url.length() > MAX_URL_CHARS) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST,
          field + " is " + url.length() + " characters, more than " + MAX_URL_CHARS);
    }
    if (url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST,
          field + " contains whitespace or control characters; percent-encode them");
    }
    return Checked.ok(url);
  }

  private static Checked<String> optionalText(JsonNode object, String field, String absent) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return Checked.ok(absent);
    }
    if (!node.isTextual()) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, "resource." + field + " must be a string");
    }
    if (node.asText().length() > MAX_TEXT_CHARS) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST,
          "resource."
              + field
              + " is "
              + node.asText().length()
              + " characters, more than "
              + MAX_TEXT_CHARS);
    }
    return Checked.ok(node.asText());
  }

  static Checked<Uint256> price(String field, String amount) {
    try {
      Uint256 price = Uint256.parse(amount);
      return price.isZero()
          ? Checked.refused(GatewayReason.MALFORMED_REQUEST, field + " must be positive")
          : Checked.ok(price);
    } catch (IllegalArgumentException e) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, field + " is not a uint256 decimal: " + e.getMessage());
    }
  }
}

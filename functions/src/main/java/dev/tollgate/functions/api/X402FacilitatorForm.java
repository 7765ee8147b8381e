package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.paywall.Seller;
import dev.tollgate.functions.publisher.Publisher;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SchemePayment;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402FormatException;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.FacilitatorCodes;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.Optional;

/**
 * The x402 v2 facilitator's request and answers ({@code VerifyRequest}, {@code VerifyResponse},
 * {@code SettleResponse}), as a stock x402 resource server sends and reads them with the gateway as
 * its facilitator. The publisher's price is {@code paymentRequirements.amount}: the requirement the
 * server matched the payment to, so the price stays the server's decision.
 */
final class X402FacilitatorForm {
  private X402FacilitatorForm() {}

  /** What an x402 facilitator request carries, read; {@code resend} is Tollgate's extension. */
  record Parsed(SchemePayment payment, String resource, Uint256 price, Optional<String> resend) {
    FacilitatorController.Request toRequest(Publisher publisher) {
      return new FacilitatorController.Request(
          payment, resource, new Seller(publisher.issuer(), price), resend);
    }
  }

  /**
   * x402's form names {@code paymentRequirements} (and {@code x402Version}); Tollgate's does not.
   */
  static boolean isX402(JsonNode body) {
    return body.has("paymentRequirements") || body.has("x402Version");
  }

  static Checked<Parsed> request(JsonNode body) {
    JsonNode version = body.get("x402Version");
    if (version == null || !version.isInt() || version.asInt() != X402Headers.X402_VERSION) {
      return Checked.refused(
          PaywallReason.UNSUPPORTED_X402_VERSION,
          "x402Version must be " + X402Headers.X402_VERSION + ", got " + version);
    }
    JsonNode requirements = body.get("paymentRequirements");
    if (requirements == null || !requirements.isObject()) {
      return Checked.refused(
          PaywallReason.INVALID_PAYMENT_REQUIREMENTS,
          "the body needs a paymentRequirements object");
    }
    // Only what the price needs is read: a server's requirements may carry fields of its own.
    if (!PaymentRequirements.SCHEME.equals(requirements.path("scheme").asText())) {
      return Checked.refused(
          PaywallReason.UNSUPPORTED_SCHEME,
          "paymentRequirements.scheme '"
              + requirements.path("scheme").asText()
              + "' is not "
              + PaymentRequirements.SCHEME);
    }
    if (!requirements.path("amount").isTextual()) {
      return Checked.refused(
          PaywallReason.INVALID_PAYMENT_REQUIREMENTS,
          "paymentRequirements.amount must be a decimal string");
    }
    Checked<Uint256> price =
        FacilitatorController.price(
            "paymentRequirements.amount", requirements.get("amount").asText());
    if (!price.isOk()) {
      return Checked.refused(PaywallReason.INVALID_PAYMENT_REQUIREMENTS, price.refusal().detail());
    }
    JsonNode payload = body.get("paymentPayload");
    if (payload == null || !payload.isObject()) {
      return Checked.refused(
          PaywallReason.MALFORMED_PAYMENT_HEADER, "the body needs a paymentPayload object");
    }
    SchemePayment payment;
    try {
      payment = SchemePayment.fromJson(payload, "paymentPayload");
    } catch (X402FormatException e) {
      return Checked.refused(e.reason(), e.getMessage());
    } catch (IllegalArgumentException e) {
      return Checked.refused(PaywallReason.MALFORMED_PAYMENT_HEADER, e.getMessage());
    }
    Optional<String> resource =
        body.path("resource").isTextual()
            ? Optional.of(body.get("resource").asText())
            : payment.resource().map(r -> r.url());
    if (resource.isEmpty()) {
      return Checked.refused(
          PaywallReason.MALFORMED_PAYMENT_HEADER,
          "the payment names no resource (paymentPayload.resource.url) and the body no 'resource'");
    }
    Optional<String> resend =
        body.path("resend").isTextual()
            ? Optional.of(body.get("resend").asText())
            : Optional.empty();
    return Checked.ok(new Parsed(payment, resource.get(), price.value(), resend));
  }

  /** {@code VerifyResponse} of a refused payment. */
  static HttpResponse<String> invalid(Refusal refusal, Optional<Address> payer) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.put("isValid", false);
    out.put("invalidReason", FacilitatorCodes.of(refusal.errorReason(), false));
    out.put("invalidMessage", FacilitatorCodes.message(refusal.errorReason(), refusal.detail()));
    payer.ifPresent(p -> out.put("payer", p.toChecksumHex()));
    return Responses.json(status(refusal), out);
  }

  /** {@code SettleResponse} of a refused payment: no transaction, nothing taken. */
  static HttpResponse<String> failed(Refusal refusal, Optional<Address> payer, String network) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.put("success", false);
    out.put("errorReason", FacilitatorCodes.of(refusal.errorReason(), true));
    out.put("errorMessage", FacilitatorCodes.message(refusal.errorReason(), refusal.detail()));
    payer.ifPresent(p -> out.put("payer", p.toChecksumHex()));
    out.put("transaction", "");
    out.put("network", network);
    return Responses.json(status(refusal), out);
  }

  /**
   * {@code SettleResponse} of a taken payment: Tollgate's settlement, with its countersigned create
   * and resolve also under {@code extensions["vector-hashlock"]}.
   */
  static ObjectNode settled(SettlementResponse settlement) {
    ObjectNode out = settlement.toJson();
    ObjectNode scheme = out.putObject("extensions").putObject(PaymentRequirements.SCHEME);
    for (String field : new String[] {"createUpdate", "resolveUpdate"}) {
      if (out.has(field)) {
        scheme.set(field, out.get(field).deepCopy());
      }
    }
    return out;
  }

  /**
   * A refusal is an answer ({@code 200}), as x402 has it; a missing token, a resource the publisher
   * does not sell and the gateway's own failures keep their status.
   */
  private static HttpStatus status(Refusal refusal) {
    int status = refusal.httpStatus();
    return status == 401 || status == 403 || status >= 500
        ? HttpStatus.valueOf(status)
        : HttpStatus.OK;
  }
}

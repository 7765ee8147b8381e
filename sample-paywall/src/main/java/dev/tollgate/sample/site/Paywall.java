package dev.tollgate.sample.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The publisher's side of the 402 flow for one priced resource, through the gateway's facilitator
 * routes: no payment gets the gateway's quote as a 402; a payment is settled by the gateway and, if
 * taken, turned into a receipt the reader can show again until it expires.
 */
public final class Paywall {
  private final GatewayClient gateway;
  private final LongSupplier nowSeconds;
  private final long receiptSeconds;

  public Paywall(GatewayClient gateway, LongSupplier nowSeconds, long receiptSeconds) {
    if (receiptSeconds < 1) {
      throw new IllegalArgumentException("receiptSeconds must be positive, got " + receiptSeconds);
    }
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.nowSeconds = Objects.requireNonNull(nowSeconds, "nowSeconds");
    this.receiptSeconds = receiptSeconds;
  }

  /** How a request for a priced resource ended. */
  public sealed interface Outcome {}

  /** Paid: the receipt, and the gateway's settlement to hand back as {@code PAYMENT-RESPONSE}. */
  public record Paid(Receipt receipt, String paymentResponse) implements Outcome {}

  /** Not served: a 402 with a quote, or a refusal, ready to send. */
  public record NotServed(SiteResponse response) implements Outcome {}

  /**
   * Charges {@code price} for {@code resourceUrl}: {@code paymentHeader} is the reader's {@code
   * PAYMENT-SIGNATURE}, or null on a first request.
   */
  public Outcome charge(
      String resourceUrl, String description, BigInteger price, String paymentHeader) {
    return charge(resourceUrl, description, price, paymentHeader, null);
  }

  /**
   * {@link #charge}, with the reader's {@code TOLLGATE-RESEND} proof ({@code resendHeader}, null if
   * none), passed on to the gateway: a payment it already took serves again only with one.
   */
  public Outcome charge(
      String resourceUrl,
      String description,
      BigInteger price,
      String paymentHeader,
      String resendHeader) {
    try {
      if (paymentHeader == null || paymentHeader.isBlank()) {
        return new NotServed(quoted(resourceUrl, description, price, "payment_required", ""));
      }
      // Read here first, so a malformed header is refused by name without a call to the gateway.
      Checked<PaymentPayload> payment = X402Headers.decodePaymentSignature(paymentHeader);
      if (!payment.isOk()) {
        Refusal refusal = payment.refusal();
        return new NotServed(
            SiteResponse.error(refusal.httpStatus(), refusal.errorReason(), refusal.detail()));
      }
      GatewayClient.Answer settled =
          gateway.settle(payment.value().toJson(), resourceUrl, price, resendHeader);
      SettlementResponse taken =
          settled.status() == 200
              ? SettlementResponse.fromJson(settled.body(), "the gateway's settlement")
              : null;
      if (taken != null && taken.success() && !locksAtLeast(taken, price)) {
        // The gateway checks the price too; a site that serves on a settlement must not trust
        // anybody's word for what it was paid.
        return new NotServed(
            SiteResponse.error(
                502,
                "settled_below_price",
                "the gateway settled a payment below the price " + price + " of " + resourceUrl));
      }
      if (taken != null && taken.success()) {
        Receipt receipt =
            new Receipt(
                resourceUrl,
                taken.transaction().orElseThrow().toHex(),
                taken.payer().orElseThrow().toChecksumHex(),
                nowSeconds.getAsLong() + receiptSeconds);
        return new Paid(receipt, X402Headers.encode(taken));
      }
      return new NotServed(refused(resourceUrl, description, price, settled));
    } catch (GatewayUnreachableException e) {
      return new NotServed(SiteResponse.error(502, "gateway_unreachable", e.getMessage()));
    }
  }

  /** Whether the countersigned create in {@code taken} locks {@code price} or more for the site. */
  private static boolean locksAtLeast(SettlementResponse taken, BigInteger price) {
    return taken
        .createUpdate()
        .map(ChannelUpdate::details)
        .filter(UpdateDetails.Create.class::isInstance)
        .map(d -> ((UpdateDetails.Create) d).balance().amount0().value())
        .filter(locked -> locked.compareTo(price) >= 0)
        .isPresent();
  }

  private SiteResponse quoted(
      String resourceUrl, String description, BigInteger price, String error, String detail) {
    String required = gateway.quote(resourceUrl, description, price);
    ObjectNode body =
        SiteResponse.JSON
            .createObjectNode()
            .put("error", error)
            .put("detail", detail.isEmpty() ? description + " costs " + price : detail);
    return SiteResponse.builder(402, "application/json")
        .header(X402Headers.PAYMENT_REQUIRED, required)
        .body(body.toString())
        .build();
  }

  /**
   * The gateway's refusal passed on: its status, {@code PAYMENT-RESPONSE}, and on a 402 a new
   * quote, since the reader's was either used or wrong.
   */
  private SiteResponse refused(
      String resourceUrl, String description, BigInteger price, GatewayClient.Answer settled) {
    JsonNode answer = settled.body();
    String reason = answer.path("errorReason").asText(answer.path("error").asText("refused"));
    String detail = answer.path("errorMessage").asText(answer.path("detail").asText(""));
    ObjectNode body =
        SiteResponse.JSON.createObjectNode().put("error", reason).put("detail", detail);
    if (answer.has("nonce")) {
      body.set("nonce", answer.get("nonce"));
    }
    SiteResponse.Builder response =
        SiteResponse.builder(settled.status(), "application/json").body(body.toString());
    if (answer.has("success")) {
      response.header(X402Headers.PAYMENT_RESPONSE, encode(answer));
    }
    if (settled.status() == 402) {
      response.header(X402Headers.PAYMENT_REQUIRED, gateway.quote(resourceUrl, description, price));
    }
    return response.build();
  }

  /** The gateway's SettlementResponse as the {@code PAYMENT-RESPONSE} header carries it. */
  private static String encode(JsonNode settlement) {
    return X402Headers.encode(SettlementResponse.fromJson(settlement, "the gateway's settlement"));
  }
}

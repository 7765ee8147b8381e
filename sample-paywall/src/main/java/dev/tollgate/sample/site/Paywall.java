package dev.tollgate.sample.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The publisher's side of the 402 flow for one priced resource, through the gateway's facilitator
 * routes: no payment gets the gateway's quote as a 402; a payment is settled by the gateway and, if
 * taken, turned into a receipt the reader can show again until it expires.
 */
public final class Paywall {
  public static final String PAYMENT_REQUIRED = "PAYMENT-REQUIRED";
  public static final String PAYMENT_SIGNATURE = "PAYMENT-SIGNATURE";
  public static final String PAYMENT_RESPONSE = "PAYMENT-RESPONSE";

  /** The gateway refuses larger payment headers as well; the site does not forward them. */
  static final int MAX_PAYMENT_HEADER_CHARS = 16 * 1024;

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
    try {
      if (paymentHeader == null || paymentHeader.isBlank()) {
        return new NotServed(quoted(resourceUrl, description, price, "payment_required", ""));
      }
      if (paymentHeader.length() > MAX_PAYMENT_HEADER_CHARS) {
        return new NotServed(
            SiteResponse.error(
                431,
                "payment_header_too_large",
                "PAYMENT-SIGNATURE is "
                    + paymentHeader.length()
                    + " characters, more than "
                    + MAX_PAYMENT_HEADER_CHARS));
      }
      JsonNode payload;
      try {
        payload = SiteResponse.JSON.readTree(Base64.getDecoder().decode(paymentHeader.strip()));
      } catch (IllegalArgumentException | IOException e) {
        return new NotServed(
            SiteResponse.error(
                400, "invalid_payload", "PAYMENT-SIGNATURE is not base64 of a JSON object"));
      }
      if (payload == null || !payload.isObject()) {
        return new NotServed(
            SiteResponse.error(
                400, "invalid_payload", "PAYMENT-SIGNATURE is not base64 of a JSON object"));
      }
      GatewayClient.Answer settled = gateway.settle(payload, resourceUrl);
      if (settled.status() == 200 && settled.body().path("success").asBoolean(false)) {
        Receipt receipt =
            new Receipt(
                resourceUrl,
                settled.body().path("transaction").asText(),
                settled.body().path("payer").asText(),
                nowSeconds.getAsLong() + receiptSeconds);
        return new Paid(receipt, encode(settled.body()));
      }
      return new NotServed(refused(resourceUrl, description, price, settled));
    } catch (GatewayUnreachableException e) {
      return new NotServed(SiteResponse.error(502, "gateway_unreachable", e.getMessage()));
    }
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
        .header(PAYMENT_REQUIRED, required)
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
    if (answer.has("latestUpdate")) {
      body.set("latestUpdate", answer.get("latestUpdate"));
    }
    if (answer.has("nonce")) {
      body.set("nonce", answer.get("nonce"));
    }
    SiteResponse.Builder response =
        SiteResponse.builder(settled.status(), "application/json").body(body.toString());
    if (answer.has("success")) {
      response.header(PAYMENT_RESPONSE, encode(answer));
    }
    if (settled.status() == 402) {
      response.header(PAYMENT_REQUIRED, gateway.quote(resourceUrl, description, price));
    }
    return response.build();
  }

  private static String encode(JsonNode json) {
    return Base64.getEncoder().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
  }
}

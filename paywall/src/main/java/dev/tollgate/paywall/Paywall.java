package dev.tollgate.paywall;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The publisher's side of the x402 flow for priced resources, through the gateway's facilitator
 * routes, for a Java server of any kind: it takes a {@link PaywallRequest} and says whether to
 * serve. No payment gets the gateway's quote as a {@code 402} with {@code PAYMENT-REQUIRED}; a
 * payment ({@code PAYMENT-SIGNATURE}) is settled by the gateway at the publisher's price and, if
 * taken and its create locks at least that price, served with {@code PAYMENT-RESPONSE} and a
 * receipt the reader can show again until it expires. A refusal of the gateway goes back with its
 * status and {@code PAYMENT-RESPONSE} (and a fresh quote on a {@code 402}); a gateway that does not
 * answer gives {@code 502 gateway_unreachable}.
 *
 * <p>In a server's handler, with {@code url} the resource's absolute URL:
 *
 * <pre>{@code
 * Paywall paywall = Paywall.builder().gateway(gatewayUrl).publisherToken(token).build(); // once
 *
 * Paywall.Outcome outcome = paywall.charge(
 *     PaywallRequest.of(url, header("PAYMENT-SIGNATURE"), header("TOLLGATE-RESEND")),
 *     "One quote for ACME", BigInteger.valueOf(100));
 * if (outcome instanceof Paywall.NotServed no) { write(no.answer()); return; }
 * // serve the resource, with header PAYMENT-RESPONSE: ((Paywall.Paid) outcome).paymentResponse()
 * }</pre>
 *
 * <p>A paywall is safe to share between threads; it stores nothing per reader.
 */
public final class Paywall {
  private final GatewayClient gateway;
  private final LongSupplier nowSeconds;
  private final long receiptSeconds;
  private final Optional<ReceiptTokens> receipts;

  private Paywall(Builder b) {
    this.gateway =
        b.gatewayClient != null
            ? b.gatewayClient
            : new GatewayClient(
                Objects.requireNonNull(b.gatewayUrl, "the gateway's URL"),
                Objects.requireNonNull(b.publisherToken, "the publisher token"),
                b.http != null
                    ? b.http
                    : HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(3))
                        .build());
    this.nowSeconds = b.nowSeconds;
    this.receiptSeconds = b.receiptSeconds;
    this.receipts = Optional.ofNullable(b.receiptSecret).map(ReceiptTokens::new);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How a request for a priced resource ended. */
  public sealed interface Outcome permits Paid, Reread, NotServed {
    /** Whether the resource is to be served. */
    default boolean served() {
      return !(this instanceof NotServed);
    }
  }

  /**
   * Paid just now: serve the resource with {@code paymentResponse} as the {@code PAYMENT-RESPONSE}
   * header (the gateway's settlement). {@code receiptToken} is the receipt to hand the reader (a
   * cookie) if the paywall has a receipt secret.
   */
  public record Paid(Receipt receipt, String paymentResponse, Optional<String> receiptToken)
      implements Outcome {
    public Paid {
      Objects.requireNonNull(receipt, "receipt");
      Objects.requireNonNull(paymentResponse, "paymentResponse");
      Objects.requireNonNull(receiptToken, "receiptToken");
    }

    /** A {@code 200} answer with {@code PAYMENT-RESPONSE} set, to add the resource to. */
    public PaywallAnswer.Builder answer(String contentType) {
      return PaywallAnswer.builder(200, contentType)
          .header(X402Headers.PAYMENT_RESPONSE, paymentResponse);
    }
  }

  /** Paid before: the reader showed a valid receipt for the resource. Serve it, no charge. */
  public record Reread(Receipt receipt) implements Outcome {
    public Reread {
      Objects.requireNonNull(receipt, "receipt");
    }
  }

  /** Not served: a 402 with a quote, or a refusal, ready to send as it is. */
  public record NotServed(PaywallAnswer answer) implements Outcome {
    public NotServed {
      Objects.requireNonNull(answer, "answer");
    }
  }

  /** How long a receipt lets a reader re-read what it paid for. */
  public long receiptSeconds() {
    return receiptSeconds;
  }

  /**
   * Charges {@code price} base units of the gateway's asset for {@code request}'s resource. {@code
   * description} names it in the quote. The price is the publisher's: the gateway takes only a
   * payment on a quote this publisher issued for this resource at no less, and the paywall checks
   * the settled create locks it before it serves.
   *
   * @throws IllegalStateException if the gateway answers a quote with no quote (a resource outside
   *     the publisher's prefixes, a wrong publisher token): the publisher's configuration is wrong
   */
  public Outcome charge(PaywallRequest request, String description, BigInteger price) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(description, "description");
    if (Objects.requireNonNull(price, "price").signum() <= 0) {
      throw new IllegalArgumentException("the price must be positive, got " + price);
    }
    String resourceUrl = request.resourceUrl();
    if (receipts.isPresent() && request.receiptToken().isPresent()) {
      Optional<Receipt> held =
          receipts.get().verify(request.receiptToken().get(), resourceUrl, nowSeconds.getAsLong());
      if (held.isPresent()) {
        return new Reread(held.get());
      }
    }
    List<String> payments = request.paymentSignatures();
    if (payments.size() > 1) {
      // Refused rather than one picked: which one a proxy keeps is not defined, and the gateway
      // refuses the same.
      return new NotServed(
          PaywallAnswer.error(
              400,
              "invalid_payload",
              "the request carries "
                  + payments.size()
                  + " "
                  + X402Headers.PAYMENT_SIGNATURE
                  + " headers; send exactly one"));
    }
    try {
      if (payments.isEmpty()) {
        return new NotServed(quoted(resourceUrl, description, price));
      }
      // Read here first, so a malformed header is refused by name without a call to the gateway.
      Checked<PaymentPayload> payment = X402Headers.decodePaymentSignature(payments.get(0));
      if (!payment.isOk()) {
        Refusal refusal = payment.refusal();
        return new NotServed(
            PaywallAnswer.error(refusal.httpStatus(), refusal.errorReason(), refusal.detail()));
      }
      GatewayClient.Answer settled =
          gateway.settle(
              payment.value().toJson(), resourceUrl, price, request.resend().orElse(null));
      SettlementResponse taken =
          settled.status() == 200
              ? SettlementResponse.fromJson(settled.body(), "the gateway's settlement")
              : null;
      if (taken != null && taken.success() && !locksAtLeast(taken, price)) {
        // The gateway checks the price too; a site that serves on a settlement must not trust
        // anybody's word for what it was paid.
        return new NotServed(
            PaywallAnswer.error(
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
        return new Paid(
            receipt, X402Headers.encode(taken), receipts.map(tokens -> tokens.issue(receipt)));
      }
      return new NotServed(refused(resourceUrl, description, price, settled));
    } catch (GatewayUnreachableException e) {
      return new NotServed(PaywallAnswer.error(502, "gateway_unreachable", e.getMessage()));
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

  private PaywallAnswer quoted(String resourceUrl, String description, BigInteger price) {
    String required = gateway.quote(resourceUrl, description, price);
    ObjectNode body =
        Json.MAPPER
            .createObjectNode()
            .put("error", "payment_required")
            .put("detail", description + " costs " + price);
    return PaywallAnswer.builder(402, "application/json")
        .header(X402Headers.PAYMENT_REQUIRED, required)
        .body(body.toString())
        .build();
  }

  /**
   * The gateway's refusal passed on: its status, {@code PAYMENT-RESPONSE}, and on a 402 a new
   * quote, since the reader's was either used or wrong.
   */
  private PaywallAnswer refused(
      String resourceUrl, String description, BigInteger price, GatewayClient.Answer settled) {
    JsonNode answer = settled.body();
    String reason = answer.path("errorReason").asText(answer.path("error").asText("refused"));
    String detail = answer.path("errorMessage").asText(answer.path("detail").asText(""));
    ObjectNode body = Json.MAPPER.createObjectNode().put("error", reason).put("detail", detail);
    if (answer.has("nonce")) {
      body.set("nonce", answer.get("nonce"));
    }
    PaywallAnswer.Builder response =
        PaywallAnswer.builder(settled.status(), "application/json").body(body.toString());
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

  /**
   * A paywall's settings: the gateway and the publisher token are required; receipts are issued
   * only with a receipt secret.
   */
  public static final class Builder {
    private URI gatewayUrl;
    private String publisherToken;
    private HttpClient http;
    private GatewayClient gatewayClient;
    private LongSupplier nowSeconds = () -> System.currentTimeMillis() / 1000;
    private long receiptSeconds = 3_600;
    private byte[] receiptSecret;

    private Builder() {}

    /** Where the gateway's facilitator routes ({@code /quote}, {@code /settle}) are. */
    public Builder gateway(URI gatewayUrl) {
      this.gatewayUrl = Objects.requireNonNull(gatewayUrl, "gatewayUrl");
      return this;
    }

    /**
     * The publisher's bearer token on the gateway ({@code tollgate.publishers.<name>.token}): it
     * quotes and settles with it, and nobody without it can quote the publisher's resources.
     */
    public Builder publisherToken(String publisherToken) {
      this.publisherToken = Objects.requireNonNull(publisherToken, "publisherToken");
      return this;
    }

    /** The JDK client the gateway is called with (default: its own, 3 s to connect). */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** A gateway client of the server's own, in place of {@link #gateway} and its token. */
    public Builder gatewayClient(GatewayClient gatewayClient) {
      this.gatewayClient = Objects.requireNonNull(gatewayClient, "gatewayClient");
      return this;
    }

    /** The clock receipts are dated and checked by, in seconds since the epoch. */
    public Builder clock(LongSupplier nowSeconds) {
      this.nowSeconds = Objects.requireNonNull(nowSeconds, "nowSeconds");
      return this;
    }

    /** The clock receipts are dated and checked by. */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      return clock(() -> clock.instant().getEpochSecond());
    }

    /** How long a paid resource can be re-read on its receipt without paying again (1 hour). */
    public Builder receiptSeconds(long receiptSeconds) {
      if (receiptSeconds < 1) {
        throw new IllegalArgumentException(
            "receiptSeconds must be positive, got " + receiptSeconds);
      }
      this.receiptSeconds = receiptSeconds;
      return this;
    }

    /**
     * The key of the receipts' MAC, 32 bytes or more, kept by the publisher: with it a payment also
     * gives a receipt token, and a request that shows one is served again until it expires.
     */
    public Builder receiptSecret(byte[] receiptSecret) {
      byte[] copy = Objects.requireNonNull(receiptSecret, "receiptSecret").clone();
      new ReceiptTokens(copy); // refuses a short secret here, not at build
      this.receiptSecret = copy;
      return this;
    }

    public Paywall build() {
      if (gatewayClient == null && (gatewayUrl == null || publisherToken == null)) {
        throw new IllegalStateException(
            "a paywall needs the gateway's URL and the publisher token (or a gateway client)");
      }
      return new Paywall(this);
    }
  }
}

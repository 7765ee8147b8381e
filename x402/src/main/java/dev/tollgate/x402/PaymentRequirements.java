package dev.tollgate.x402;

import static dev.tollgate.x402.refusal.PaywallReason.UNSUPPORTED_SCHEME;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.refusal.PaywallReason;
import java.util.Objects;

/**
 * x402 v2 {@code PaymentRequirements}: one way to pay, offered in {@code PaymentRequired.accepts}
 * and echoed back as {@code PaymentPayload.accepted}. Tollgate offers only its own scheme, {@value
 * #SCHEME}, so {@code extra} is always a {@link QuoteExtra}; reading a requirement of another
 * scheme is {@link PaywallReason#UNSUPPORTED_SCHEME}, not a malformed one.
 *
 * @param amount base units of {@code asset}, a decimal string on the wire
 * @param network CAIP-2, {@code eip155:<chainId>}
 */
public record PaymentRequirements(
    String scheme,
    String network,
    Uint256 amount,
    Address asset,
    Address payTo,
    long maxTimeoutSeconds,
    QuoteExtra extra) {

  /**
   * Our own scheme name: the payload is a vector create update locking a hashlock transfer, unlike
   * {@code exact} (EIP-3009) or the {@code channel}/{@code statechannel} proposals.
   */
  public static final String SCHEME = "vector-hashlock";

  public PaymentRequirements {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(payTo, "payTo");
    Objects.requireNonNull(extra, "extra");
    if (scheme.isEmpty() || network.isEmpty()) {
      throw new IllegalArgumentException(
          "scheme and network must not be empty, got '" + scheme + "' and '" + network + "'");
    }
    if (maxTimeoutSeconds < 0) {
      throw new IllegalArgumentException(
          "maxTimeoutSeconds must not be negative: " + maxTimeoutSeconds);
    }
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("scheme", scheme);
    o.put("network", network);
    o.put("amount", amount.toDecimal());
    o.put("asset", asset.toString());
    o.put("payTo", payTo.toString());
    o.put("maxTimeoutSeconds", maxTimeoutSeconds);
    o.set("extra", extra.toJson());
    return o;
  }

  /** The scheme is read first, so another scheme's {@code extra} is never misread as ours. */
  public static PaymentRequirements fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    String scheme = ourScheme(f);
    return new PaymentRequirements(
        scheme,
        f.nonEmptyText("network"),
        f.amount("amount"),
        f.address("asset"),
        f.address("payTo"),
        f.integer("maxTimeoutSeconds"),
        QuoteExtra.fromJson(f.object("extra").node(), f.at("extra")));
  }

  /**
   * {@code scheme}, which must be {@value #SCHEME}: another scheme is {@link
   * PaywallReason#UNSUPPORTED_SCHEME}, not a malformed requirement.
   */
  static String ourScheme(X402Fields f) {
    String scheme = f.nonEmptyText("scheme");
    if (!SCHEME.equals(scheme)) {
      throw new X402FormatException(
          UNSUPPORTED_SCHEME,
          f.at("scheme"),
          "'" + Hex.abbreviate(scheme) + "' is not supported (expected '" + SCHEME + "')");
    }
    return scheme;
  }
}

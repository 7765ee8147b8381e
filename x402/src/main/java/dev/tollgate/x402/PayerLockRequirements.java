package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * A payer-locked {@code vector-hashlock} requirement: the x402 fields of {@link
 * PaymentRequirements} with a {@link PayerLockExtra} instead of a quote. The same for every request
 * of a route at one price, so a stock x402 resource server builds it once.
 */
public record PayerLockRequirements(
    String network,
    Uint256 amount,
    Address asset,
    Address payTo,
    long maxTimeoutSeconds,
    PayerLockExtra extra) {

  public PayerLockRequirements {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(payTo, "payTo");
    Objects.requireNonNull(extra, "extra");
    if (maxTimeoutSeconds < 0) {
      throw new IllegalArgumentException(
          "maxTimeoutSeconds must not be negative: " + maxTimeoutSeconds);
    }
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("scheme", PaymentRequirements.SCHEME);
    o.put("network", network);
    o.put("amount", amount.toDecimal());
    o.put("asset", asset.toString());
    o.put("payTo", payTo.toString());
    o.put("maxTimeoutSeconds", maxTimeoutSeconds);
    o.set("extra", extra.toJson());
    return o;
  }

  public static PayerLockRequirements fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    PaymentRequirements.ourScheme(f);
    return new PayerLockRequirements(
        f.nonEmptyText("network"),
        f.amount("amount"),
        f.address("asset"),
        f.address("payTo"),
        f.integer("maxTimeoutSeconds"),
        PayerLockExtra.fromJson(f.object("extra").node(), f.at("extra")));
  }
}

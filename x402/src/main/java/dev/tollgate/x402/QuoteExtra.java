package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code extra} of a {@code vector-hashlock} requirement: everything a payer needs, beyond the
 * x402 fields (amount, asset, payTo, network), to build the create update that pays it.
 *
 * <p>Names follow vector, so a payer maps them straight onto its {@code NetworkContext} and create
 * params: {@code channelFactoryAddress}, {@code transferRegistryAddress}, {@code
 * transferDefinition} (the HashlockTransfer contract), {@code transferTimeout} (seconds, decimal
 * string), and the initial state {@code lockHash} with {@code lockExpiry} (epoch seconds, decimal
 * string, "0" = no expiry). {@code quoteId} is the gateway's MACed quote token, to be echoed
 * unchanged; {@code quoteExpiresAt} (epoch seconds) tells the payer when to ask again and is only
 * informative: the gateway trusts the copy inside {@code quoteId}. {@code route}, when present,
 * makes the offer one through a hub ({@link RouteOffer}).
 *
 * @param transferDefinition the address of the HashlockTransfer definition
 */
public record QuoteExtra(
    Address channelFactoryAddress,
    Address transferRegistryAddress,
    Address transferDefinition,
    Uint256 transferTimeout,
    Bytes32 lockHash,
    Uint256 lockExpiry,
    String quoteId,
    long quoteExpiresAt,
    Optional<RouteOffer> route) {

  /**
   * Tollgate defines every field here, so an unknown one means a payer built against another
   * version of the scheme: refused rather than silently ignored.
   */
  public static final Set<String> FIELDS =
      Set.of(
          "channelFactoryAddress",
          "transferRegistryAddress",
          "transferDefinition",
          "transferTimeout",
          "lockHash",
          "lockExpiry",
          "quoteId",
          "quoteExpiresAt",
          "route");

  /** A direct quote: no hub in between. */
  public QuoteExtra(
      Address channelFactoryAddress,
      Address transferRegistryAddress,
      Address transferDefinition,
      Uint256 transferTimeout,
      Bytes32 lockHash,
      Uint256 lockExpiry,
      String quoteId,
      long quoteExpiresAt) {
    this(
        channelFactoryAddress,
        transferRegistryAddress,
        transferDefinition,
        transferTimeout,
        lockHash,
        lockExpiry,
        quoteId,
        quoteExpiresAt,
        Optional.empty());
  }

  public QuoteExtra {
    Objects.requireNonNull(channelFactoryAddress, "channelFactoryAddress");
    Objects.requireNonNull(transferRegistryAddress, "transferRegistryAddress");
    Objects.requireNonNull(transferDefinition, "transferDefinition");
    Objects.requireNonNull(transferTimeout, "transferTimeout");
    Objects.requireNonNull(lockHash, "lockHash");
    Objects.requireNonNull(lockExpiry, "lockExpiry");
    Objects.requireNonNull(quoteId, "quoteId");
    if (quoteId.isEmpty()) {
      throw new IllegalArgumentException("quoteId must not be empty");
    }
    Objects.requireNonNull(route, "route");
    if (quoteExpiresAt < 0) {
      throw new IllegalArgumentException("quoteExpiresAt must not be negative: " + quoteExpiresAt);
    }
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("channelFactoryAddress", channelFactoryAddress.toString());
    o.put("transferRegistryAddress", transferRegistryAddress.toString());
    o.put("transferDefinition", transferDefinition.toString());
    o.put("transferTimeout", transferTimeout.toDecimal());
    o.put("lockHash", lockHash.toHex());
    o.put("lockExpiry", lockExpiry.toDecimal());
    o.put("quoteId", quoteId);
    o.put("quoteExpiresAt", quoteExpiresAt);
    route.ifPresent(r -> o.set("route", r.toJson()));
    return o;
  }

  public static QuoteExtra fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    f.refuseUnknownFields(FIELDS);
    return new QuoteExtra(
        f.address("channelFactoryAddress"),
        f.address("transferRegistryAddress"),
        f.address("transferDefinition"),
        f.uint("transferTimeout"),
        f.bytes32("lockHash"),
        f.uint("lockExpiry"),
        f.nonEmptyText("quoteId"),
        f.integer("quoteExpiresAt"),
        f.optionalObject("route").map(r -> RouteOffer.fromJson(r.node(), f.at("route"))));
  }
}

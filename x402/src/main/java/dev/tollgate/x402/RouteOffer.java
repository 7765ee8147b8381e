package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.net.URI;
import java.util.Objects;

/**
 * A hub offer's {@code extra.route} (docs/ROUTING.md): pay {@code price + fee} to the hub on the
 * reader's channel with it, and the hub forwards {@code price} to {@code recipient} (the
 * publisher's gateway) with the same lock.
 */
public record RouteOffer(
    Address hub, URI hubUrl, Address recipient, Bytes32 routingId, Uint256 price, Uint256 fee) {

  public RouteOffer {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(hubUrl, "hubUrl");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(routingId, "routingId");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(fee, "fee");
  }

  /** What the create locks: the price plus the hub's fee. */
  public Uint256 total() {
    return Uint256.of(price.value().add(fee.value()));
  }

  /** The create's meta for this route, paying {@code asset} on {@code chainId}. */
  public RoutingMeta meta(long chainId, Address asset) {
    return new RoutingMeta(routingId, recipient, chainId, asset, price, fee);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("hub", hub.toChecksumHex());
    o.put("hubUrl", hubUrl.toString());
    o.put("recipient", recipient.toChecksumHex());
    o.put("routingId", routingId.toHex());
    o.put("price", price.toDecimal());
    o.put("fee", fee.toDecimal());
    return o;
  }

  static RouteOffer fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    f.refuseUnknownFields(
        java.util.Set.of("hub", "hubUrl", "recipient", "routingId", "price", "fee"));
    String url = f.nonEmptyText("hubUrl");
    URI hubUrl;
    try {
      hubUrl = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw X402Fields.malformed(f.at("hubUrl"), "not a URL: " + e.getMessage());
    }
    return new RouteOffer(
        f.address("hub"),
        hubUrl,
        f.address("recipient"),
        f.bytes32("routingId"),
        f.uint("price"),
        f.uint("fee"));
  }
}

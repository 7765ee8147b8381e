package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.update.TransferMeta;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * The routing data of a reader's create, in vector's shape: {@code {routingId, path: [{recipient,
 * recipientChainId, recipientAssetId}], quote: {amount, fee}}}. The quote is the publisher's offer
 * as the reader accepted it: the price the publisher receives and the fee the hub keeps. Advisory,
 * as all meta is (not signed): a hub checks every amount against the create itself, which is.
 *
 * @param recipient the publisher gateway's address (bob on the hub–publisher channel)
 */
public record RoutingMeta(
    Bytes32 routingId,
    Address recipient,
    long recipientChainId,
    Address recipientAssetId,
    Uint256 price,
    Uint256 fee) {

  public RoutingMeta {
    Objects.requireNonNull(routingId, "routingId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(recipientAssetId, "recipientAssetId");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(fee, "fee");
  }

  public TransferMeta toMeta() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("routingId", routingId.toHex());
    o.putArray("path")
        .addObject()
        .put("recipient", recipient.toChecksumHex())
        .put("recipientChainId", recipientChainId)
        .put("recipientAssetId", recipientAssetId.toChecksumHex());
    o.putObject("quote").put("amount", price.toDecimal()).put("fee", fee.toDecimal());
    return TransferMeta.of(o);
  }

  /**
   * Reads {@code meta}'s routing data.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public static RoutingMeta fromMeta(TransferMeta meta) {
    ObjectNode m = meta.json();
    JsonNode path = m.get("path");
    if (path == null || !path.isArray() || path.size() != 1) {
      throw new IllegalArgumentException(
          "details.meta.path must hold exactly one hop (a hub forwards one hop), got "
              + (path == null ? "nothing" : path.toString()));
    }
    JsonNode hop = path.get(0);
    JsonNode quote = m.get("quote");
    if (quote == null || !quote.isObject()) {
      throw new IllegalArgumentException("details.meta.quote must be an object {amount, fee}");
    }
    return new RoutingMeta(
        Bytes32.fromHex(text(m, "routingId", "details.meta.routingId")),
        Address.fromHex(text(hop, "recipient", "details.meta.path[0].recipient")),
        chainId(hop.get("recipientChainId")),
        Address.fromHex(text(hop, "recipientAssetId", "details.meta.path[0].recipientAssetId")),
        Uint256.parse(text(quote, "amount", "details.meta.quote.amount")),
        Uint256.parse(text(quote, "fee", "details.meta.quote.fee")));
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(path + " must be a string");
    }
    return v.asText();
  }

  private static long chainId(JsonNode v) {
    if (v == null || !v.canConvertToExactIntegral() || v.asLong() <= 0) {
      throw new IllegalArgumentException(
          "details.meta.path[0].recipientChainId must be a positive integer");
    }
    return v.asLong();
  }
}

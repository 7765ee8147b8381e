package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.channel.ChannelAddresses;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.value.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who the gateway is and where, from its {@code GET /gateway}: everything a payer needs to derive
 * its channel's address and to check and build updates the way the gateway does.
 *
 * @param address the gateway's signing address: alice in every channel
 * @param assets the assets it prices in, the first being the one its quotes use
 */
public record GatewayInfo(
    Address address,
    NetworkContext networkContext,
    Address mastercopy,
    Address hashlockDefinition,
    Address withdrawDefinition,
    List<Address> assets) {

  public GatewayInfo {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(networkContext, "networkContext");
    Objects.requireNonNull(mastercopy, "mastercopy");
    Objects.requireNonNull(hashlockDefinition, "hashlockDefinition");
    Objects.requireNonNull(withdrawDefinition, "withdrawDefinition");
    assets = List.copyOf(assets);
    if (assets.isEmpty()) {
      throw new IllegalArgumentException("a gateway prices in at least one asset");
    }
  }

  /** Reads {@code GET /gateway}'s answer; a missing or malformed field names itself. */
  static GatewayInfo fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("GET /gateway did not answer a JSON object");
    }
    JsonNode assets = node.get("assets");
    if (assets == null || !assets.isArray()) {
      throw new IllegalArgumentException("GET /gateway: 'assets' is not an array");
    }
    List<Address> assetList = new ArrayList<>();
    for (JsonNode a : assets) {
      assetList.add(Address.fromHex(a.asText()));
    }
    return new GatewayInfo(
        address(node, "address"),
        ChannelJson.networkContext(node.get("networkContext"), "networkContext"),
        address(node, "mastercopy"),
        address(node, "hashlockDefinition"),
        address(node, "withdrawDefinition"),
        assetList);
  }

  /** {@code eip155:<chainId>}, as x402 requirements name the network. */
  public String caip2() {
    return "eip155:" + networkContext.chainId();
  }

  /** The asset the gateway's quotes are priced in. */
  public Address asset() {
    return assets.get(0);
  }

  /** The CREATE2 address of the channel between this gateway (alice) and {@code payer} (bob). */
  public Address channelAddress(Address payer) {
    return ChannelAddresses.channelAddress(
        networkContext.channelFactoryAddress(),
        mastercopy,
        address,
        payer,
        networkContext.chainId());
  }

  /** The rules the gateway enforces, so the payer refuses what the gateway would. */
  public ChannelRules rules() {
    return ChannelRules.defaults(TransferRegistry.of(hashlockDefinition, withdrawDefinition));
  }

  private static Address address(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("GET /gateway: '" + field + "' is missing");
    }
    try {
      return Address.fromHex(v.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("GET /gateway: '" + field + "': " + e.getMessage(), e);
    }
  }
}

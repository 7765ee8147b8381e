package dev.tollgate.functions.gateway;

import dev.tollgate.core.channel.ChannelAddresses;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.value.Address;
import java.util.Objects;
import java.util.Set;

/**
 * The chain this gateway serves and what it accepts there: the contracts a channel is built from,
 * the transfer definitions it takes payments and withdrawals through, and the assets it prices in.
 */
public record GatewayNetwork(
    NetworkContext context,
    Address mastercopy,
    Address hashlockDefinition,
    Address withdrawDefinition,
    Set<Address> acceptedAssets) {

  public GatewayNetwork {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(mastercopy, "mastercopy");
    Objects.requireNonNull(hashlockDefinition, "hashlockDefinition");
    Objects.requireNonNull(withdrawDefinition, "withdrawDefinition");
    acceptedAssets = Set.copyOf(acceptedAssets);
    if (acceptedAssets.isEmpty()) {
      throw new IllegalArgumentException("a gateway accepts at least one asset");
    }
  }

  public long chainId() {
    return context.chainId();
  }

  /** x402's CAIP-2 network id. */
  public String caip2() {
    return "eip155:" + context.chainId();
  }

  /** The CREATE2 address of the channel between this gateway (alice) and {@code payer} (bob). */
  public Address channelAddress(Address gateway, Address payer) {
    return ChannelAddresses.channelAddress(
        context.channelFactoryAddress(), mastercopy, gateway, payer, context.chainId());
  }

  public boolean accepts(Address asset) {
    return acceptedAssets.contains(asset);
  }
}

package dev.tollgate.core.channel;

import dev.tollgate.core.value.Address;
import java.util.Objects;

/** Where a channel lives on chain; vector's {@code NetworkContext}. */
public record NetworkContext(
    long chainId, Address channelFactoryAddress, Address transferRegistryAddress) {
  public NetworkContext {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive, got " + chainId);
    }
    Objects.requireNonNull(channelFactoryAddress, "channelFactoryAddress");
    Objects.requireNonNull(transferRegistryAddress, "transferRegistryAddress");
  }
}

package dev.tollgate.contracts.deploy;

import dev.tollgate.core.channel.ChannelAddresses;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.value.Address;
import java.util.Objects;

/** Where Tollgate's contracts live on one chain. */
public record Deployment(
    long chainId,
    Address mastercopy,
    Address channelFactory,
    Address transferRegistry,
    Address hashlockTransfer,
    Address withdraw,
    Address testToken) {

  public Deployment {
    Objects.requireNonNull(mastercopy, "mastercopy");
    Objects.requireNonNull(channelFactory, "channelFactory");
    Objects.requireNonNull(transferRegistry, "transferRegistry");
    Objects.requireNonNull(hashlockTransfer, "hashlockTransfer");
    Objects.requireNonNull(withdraw, "withdraw");
    Objects.requireNonNull(testToken, "testToken");
  }

  public NetworkContext network() {
    return new NetworkContext(chainId, channelFactory, transferRegistry);
  }

  /** The transfer definitions channel-core accepts on this chain. */
  public TransferRegistry definitions() {
    return TransferRegistry.of(hashlockTransfer, withdraw);
  }

  public Address channelAddress(Address alice, Address bob) {
    return ChannelAddresses.channelAddress(channelFactory, mastercopy, alice, bob, chainId);
  }
}

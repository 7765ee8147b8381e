package dev.tollgate.functions.disputes;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.AdjudicatorReader.OnChainTransferDispute;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gathers a {@link DisputeView} from the gateway's store and the adjudicator. */
final class DisputeViews {
  /**
   * The resolves the gateway made above its newest double-signed state: each payment ends in one,
   * which the payer acknowledges only by signing its next update, so the last is always pending.
   */
  static final int MAX_UNACKNOWLEDGED = 256;

  private final ChannelStore store;
  private final AdjudicatorReader chain;
  private final Address gateway;

  DisputeViews(ChannelStore store, AdjudicatorReader chain, Address gateway) {
    this.store = store;
    this.chain = chain;
    this.gateway = gateway;
  }

  /** The view of {@code stored}'s dispute now, with the gateway's {@link #ownResolvers}. */
  DisputeView read(StoredChannel stored, Map<Bytes32, TransferResolver> resolvers) {
    Channel ours = stored.latestDoubleSigned();
    Address channel = ours.channelAddress();
    Map<Bytes32, OnChainTransferDispute> transferDisputes = new HashMap<>();
    for (ActiveTransfer transfer : ours.activeTransfers().values()) {
      if (resolvers.containsKey(transfer.transferId())) {
        transferDisputes.put(
            transfer.transferId(), chain.transferDispute(channel, transfer.transferId()));
      }
    }
    Map<Address, Uint256> defundNonces = new HashMap<>();
    Map<Address, Uint256> exitable = new HashMap<>();
    for (Address asset : ours.state().assetIds()) {
      defundNonces.put(asset, chain.defundNonce(channel, asset));
      exitable.put(asset, chain.exitable(channel, asset, gateway));
    }
    return new DisputeView(
        gateway,
        ours,
        resolvers,
        chain.channelDispute(channel),
        chain.head().timestamp(),
        transferDisputes,
        defundNonces,
        exitable);
  }

  /** Resolvers the gateway signed for transfers of the newest double-signed state. */
  Map<Bytes32, TransferResolver> ownResolvers(StoredChannel stored) {
    Map<Bytes32, TransferResolver> resolvers = new HashMap<>();
    if (stored.latestIsDoubleSigned()) {
      return resolvers;
    }
    Channel ours = stored.latestDoubleSigned();
    List<ChannelUpdate> pending =
        store.updatesAfter(ours.channelAddress(), ours.nonce(), MAX_UNACKNOWLEDGED);
    for (ChannelUpdate update : pending) {
      if (update.details() instanceof UpdateDetails.Resolve resolve
          && update.fromIdentifier().equals(gateway)
          && ours.activeTransfers().containsKey(resolve.transferId())) {
        resolvers.put(resolve.transferId(), resolve.transferResolver());
      }
    }
    return resolvers;
  }
}

package dev.tollgate.functions.disputes;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.merkle.MerkleTree;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.port.AdjudicatorReader.OnChainTransferDispute;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the gateway's next move in a disputed channel from a {@link DisputeView}; it reads
 * nothing else and does no I/O, so every branch is a plain function of chain time and state.
 *
 * <p>The adjudicator's clock: a consensus window in which a newer double-signed state replaces an
 * older one, then a defund window in which transfers are disputed and the channel is defunded.
 * Transfers owed to the gateway (hashlocks it resolved with a preImage that the payer never
 * acknowledged) are claimed with that preImage before their own dispute window closes.
 */
public final class DisputePlanner {
  private DisputePlanner() {}

  public static DisputeStep next(DisputeView view) {
    Channel ours = view.latestDoubleSigned();
    OnChainDispute chain = view.onChain();
    long now = view.chainTime();
    if (!chain.exists()) {
      return new DisputeStep.Lost(
          "the adjudicator of " + ours.channelAddress() + " holds no dispute");
    }
    if (chain.nonce() < ours.nonce()) {
      if (now < chain.consensusExpiry()) {
        return new DisputeStep.Defend(ours);
      }
      return new DisputeStep.Lost(
          "the consensus window closed at "
              + chain.consensusExpiry()
              + " on disputed nonce "
              + chain.nonce()
              + ", older than the gateway's double-signed nonce "
              + ours.nonce());
    }
    if (chain.nonce() > ours.nonce()) {
      return new DisputeStep.Lost(
          "disputed nonce "
              + chain.nonce()
              + " is newer than the gateway's double-signed nonce "
              + ours.nonce());
    }
    if (!chain.channelStateHash().equals(ChannelHashes.stateHash(ours.state()))) {
      return new DisputeStep.Lost(
          "the disputed state at nonce " + chain.nonce() + " is not the one the gateway signed");
    }
    if (now < chain.consensusExpiry()) {
      return new DisputeStep.Wait(chain.consensusExpiry(), "consensus window");
    }
    boolean defundOpen = now < chain.defundExpiry();
    List<String> missed = new ArrayList<>();
    for (ActiveTransfer transfer : ours.activeTransfers().values()) {
      Bytes32 id = transfer.transferId();
      TransferResolver resolver =
          OwedTransfers.resolver(view.gateway(), view.ownResolvers(), transfer);
      if (resolver == null) {
        continue;
      }
      OnChainTransferDispute dispute = view.transferDispute(id);
      if (!dispute.exists()) {
        if (defundOpen) {
          return new DisputeStep.DisputeTransfer(transfer, proof(ours, id));
        }
        missed.add("transfer " + id + " was not disputed before the defund window closed");
      } else if (!dispute.defunded()) {
        if (now < dispute.transferDisputeExpiry()) {
          return new DisputeStep.DefundTransfer(transfer, resolver);
        }
        missed.add("transfer " + id + " expired on chain before it was claimed");
      }
    }
    CoreChannelState state = ours.state();
    List<Address> undefunded = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < state.assetIds().size(); i++) {
      Address asset = state.assetIds().get(i);
      Uint256 onChain = view.defundNonces().getOrDefault(asset, Uint256.ZERO);
      if (onChain.compareTo(state.defundNonces().get(i)) < 0) {
        undefunded.add(asset);
        indices.add(i);
      }
    }
    if (!undefunded.isEmpty()) {
      if (defundOpen) {
        return new DisputeStep.DefundChannel(state, undefunded, indices);
      }
      missed.add("assets " + undefunded + " were not defunded before the defund window closed");
    }
    for (Address asset : state.assetIds()) {
      if (!view.exitable().getOrDefault(asset, Uint256.ZERO).isZero()) {
        return new DisputeStep.Exit(asset);
      }
    }
    return missed.isEmpty()
        ? new DisputeStep.Settled()
        : new DisputeStep.Lost(String.join("; ", missed));
  }

  private static List<Bytes32> proof(Channel channel, Bytes32 transferId) {
    List<Bytes32> leaves =
        channel.activeTransfers().values().stream().map(ActiveTransfer::leaf).toList();
    int index = new ArrayList<>(channel.activeTransfers().keySet()).indexOf(transferId);
    return MerkleTree.proof(leaves, index);
  }
}

package dev.tollgate.functions.disputes;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.CoreChannelState;
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
 * Inside the consensus window the gateway answers an older state with its newest double-signed one.
 * Once the window closes, whatever state the chain holds is final for this round, and the gateway
 * collects everything that state owes it, whoever disputed and whether the state is older, the same
 * or newer than its own double-signed one (a payer may countersign the gateway's last resolve and
 * dispute with that): it proves and closes out the transfers only it can resolve ({@link
 * OwedTransfers}) before their windows close, defunds the channel with the disputed state and exits
 * its balances. Only when nothing is left to do does the dispute end, settled, or lost if something
 * could not be collected.
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
    if (now < chain.consensusExpiry()) {
      if (chain.nonce() < ours.nonce()) {
        return new DisputeStep.Defend(ours);
      }
      // Nothing newer to answer with: the disputed state stands, and is collected once final.
      return new DisputeStep.Wait(chain.consensusExpiry(), "consensus window");
    }
    if (view.disputed().isEmpty()) {
      return new DisputeStep.Lost(
          "the disputed state at nonce "
              + chain.nonce()
              + " (hash "
              + chain.channelStateHash()
              + ") is none the gateway recorded");
    }
    Channel disputed = view.disputed().get();
    List<String> missed = new ArrayList<>();
    if (disputed.nonce() < ours.nonce()) {
      missed.add(
          "the consensus window closed at "
              + chain.consensusExpiry()
              + " on disputed nonce "
              + chain.nonce()
              + ", older than the gateway's double-signed nonce "
              + ours.nonce());
    }
    boolean defundOpen = now < chain.defundExpiry();
    for (ActiveTransfer transfer : disputed.activeTransfers().values()) {
      Bytes32 id = transfer.transferId();
      TransferResolver resolver =
          OwedTransfers.resolver(view.gateway(), view.ownResolvers(), transfer);
      if (resolver == null) {
        continue;
      }
      OnChainTransferDispute dispute = view.transferDispute(id);
      if (dispute.defunded()) {
        continue;
      }
      long lockExpiry = OwedTransfers.lockExpiry(transfer);
      if (lockExpiry != 0 && now >= lockExpiry) {
        missed.add(
            "transfer " + id + "'s lock expired at " + lockExpiry + " before it was claimed");
      } else if (!dispute.exists()) {
        if (defundOpen) {
          return new DisputeStep.DisputeTransfer(transfer, proof(disputed, id));
        }
        missed.add("transfer " + id + " was not disputed before the defund window closed");
      } else if (now < dispute.transferDisputeExpiry()) {
        return new DisputeStep.DefundTransfer(transfer, resolver);
      } else {
        missed.add("transfer " + id + " expired on chain before it was claimed");
      }
    }
    CoreChannelState state = disputed.state();
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

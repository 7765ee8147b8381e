package dev.tollgate.core.channel;

import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.merkle.MerkleTree;
import dev.tollgate.core.transfer.TransferInitialState;
import dev.tollgate.core.value.Bytes32;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A transfer that is in the merkle root: its core state, the definition state it was created with
 * (needed to resolve it), the channel nonce it was created at, and its leaf hash computed once.
 */
public record ActiveTransfer(
    CoreTransferState core, TransferInitialState initialState, long channelNonce, Bytes32 leaf) {

  public ActiveTransfer {
    Objects.requireNonNull(core, "core");
    Objects.requireNonNull(initialState, "initialState");
    Objects.requireNonNull(leaf, "leaf");
    if (!initialState.hash().equals(core.initialStateHash())) {
      throw new IllegalArgumentException(
          "transfer " + core.transferId() + " initialStateHash does not match its initial state");
    }
  }

  public static ActiveTransfer of(
      CoreTransferState core, TransferInitialState initialState, long channelNonce) {
    return new ActiveTransfer(
        core, initialState, channelNonce, ChannelHashes.transferStateHash(core));
  }

  /** The channel's merkle root over {@code byTransferId}, whose order is the leaf order. */
  public static Bytes32 merkleRoot(SortedMap<Bytes32, ActiveTransfer> byTransferId) {
    return MerkleTree.root(byTransferId.values().stream().map(ActiveTransfer::leaf).toList());
  }

  public Bytes32 transferId() {
    return core.transferId();
  }
}

package dev.tollgate.core.channel;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/** A conditional transfer as the adjudicator sees it: a leaf of the channel's merkle tree. */
public record CoreTransferState(
    Address channelAddress,
    Bytes32 transferId,
    Address transferDefinition,
    Address initiator,
    Address responder,
    Address assetId,
    Balance balance,
    Uint256 transferTimeout,
    Bytes32 initialStateHash) {

  public CoreTransferState {
    Objects.requireNonNull(channelAddress, "channelAddress");
    Objects.requireNonNull(transferId, "transferId");
    Objects.requireNonNull(transferDefinition, "transferDefinition");
    Objects.requireNonNull(initiator, "initiator");
    Objects.requireNonNull(responder, "responder");
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(transferTimeout, "transferTimeout");
    Objects.requireNonNull(initialStateHash, "initialStateHash");
  }
}

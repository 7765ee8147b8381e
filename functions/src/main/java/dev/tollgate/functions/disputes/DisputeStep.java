package dev.tollgate.functions.disputes;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import java.util.List;

/** The gateway's next move in a disputed channel, as {@link DisputePlanner} decides it. */
public sealed interface DisputeStep {
  /** Answer an older disputed state with the gateway's newer double-signed one. */
  record Defend(Channel latestDoubleSigned) implements DisputeStep {}

  /** Put a transfer owed to the gateway on chain, proven against the disputed merkle root. */
  record DisputeTransfer(ActiveTransfer transfer, List<Bytes32> merkleProof)
      implements DisputeStep {
    public DisputeTransfer {
      merkleProof = List.copyOf(merkleProof);
    }
  }

  /** Claim a disputed transfer with the resolver the gateway signed off chain (the preImage). */
  record DefundTransfer(ActiveTransfer transfer, TransferResolver resolver)
      implements DisputeStep {}

  /** Pay the disputed state's balances (and unreconciled deposits) out as exitable amounts. */
  record DefundChannel(CoreChannelState state, List<Address> assetIds, List<Integer> indices)
      implements DisputeStep {
    public DefundChannel {
      assetIds = List.copyOf(assetIds);
      indices = List.copyOf(indices);
    }
  }

  /** Take the gateway's exitable amount of an asset out of the channel. */
  record Exit(Address assetId) implements DisputeStep {}

  /** Nothing to do before the chain's clock reaches {@code until}. */
  record Wait(long until, String why) implements DisputeStep {}

  /** Everything the gateway was owed has left the channel. */
  record Settled() implements DisputeStep {}

  /** The dispute went against the gateway's records; an operator must look at it. */
  record Lost(String why) implements DisputeStep {}
}

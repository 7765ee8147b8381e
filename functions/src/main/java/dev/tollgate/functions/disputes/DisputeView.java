package dev.tollgate.functions.disputes;

import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.port.AdjudicatorReader.OnChainTransferDispute;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link DisputePlanner} reads to choose the next step, gathered by the caller: the
 * gateway's newest double-signed state, the resolvers it signed for that state's transfers, and
 * what the adjudicator holds now, at chain time {@code chainTime}.
 */
public record DisputeView(
    Address gateway,
    Channel latestDoubleSigned,
    Map<Bytes32, TransferResolver> ownResolvers,
    OnChainDispute onChain,
    long chainTime,
    Map<Bytes32, OnChainTransferDispute> transferDisputes,
    Map<Address, Uint256> defundNonces,
    Map<Address, Uint256> exitable) {

  public DisputeView {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(latestDoubleSigned, "latestDoubleSigned");
    Objects.requireNonNull(onChain, "onChain");
    ownResolvers = Map.copyOf(ownResolvers);
    transferDisputes = Map.copyOf(transferDisputes);
    defundNonces = Map.copyOf(defundNonces);
    exitable = Map.copyOf(exitable);
  }

  OnChainTransferDispute transferDispute(Bytes32 transferId) {
    return transferDisputes.getOrDefault(
        transferId, new OnChainTransferDispute(Bytes32.ZERO, 0, false));
  }
}

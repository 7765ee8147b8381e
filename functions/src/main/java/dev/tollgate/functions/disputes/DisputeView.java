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
import java.util.Optional;

/**
 * Everything {@link DisputePlanner} reads to choose the next step, gathered by the caller: the
 * gateway's newest double-signed state (its answer to an older one), the state the chain holds as
 * the gateway recorded it ({@code disputed}: empty when the chain holds none, or one the gateway
 * cannot find among the states it signed), the resolvers the gateway signed for that state's
 * transfers, and what the adjudicator holds now, at chain time {@code chainTime}, for that state's
 * transfers and assets.
 */
public record DisputeView(
    Address gateway,
    Channel latestDoubleSigned,
    Optional<Channel> disputed,
    Map<Bytes32, TransferResolver> ownResolvers,
    OnChainDispute onChain,
    long chainTime,
    Map<Bytes32, OnChainTransferDispute> transferDisputes,
    Map<Address, Uint256> defundNonces,
    Map<Address, Uint256> exitable) {

  public DisputeView {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(latestDoubleSigned, "latestDoubleSigned");
    Objects.requireNonNull(disputed, "disputed");
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

package dev.tollgate.functions.disputes;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.Map;

/**
 * Transfers of a double-signed state that belong to the gateway: it is the responder and it signed
 * a resolve with a preImage. Only such a resolver moves value to the responder; a cancel returns
 * it.
 */
final class OwedTransfers {
  private OwedTransfers() {}

  static TransferResolver resolver(
      Address gateway, Map<Bytes32, TransferResolver> ownResolvers, ActiveTransfer transfer) {
    if (!transfer.core().responder().equals(gateway)) {
      return null;
    }
    TransferResolver resolver = ownResolvers.get(transfer.transferId());
    if (resolver instanceof HashlockResolver hashlock && !hashlock.isCancel()) {
      return resolver;
    }
    return null;
  }

  /** What the gateway is owed in {@code ours}, summed over its assets. */
  static Uint256 total(Address gateway, Map<Bytes32, TransferResolver> resolvers, Channel ours) {
    BigInteger sum = BigInteger.ZERO;
    for (ActiveTransfer transfer : ours.activeTransfers().values()) {
      if (resolver(gateway, resolvers, transfer) != null) {
        sum = sum.add(transfer.core().balance().amount0().value());
      }
    }
    return Uint256.of(sum);
  }
}

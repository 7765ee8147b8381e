package dev.tollgate.functions.disputes;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.transfer.WithdrawResolver;
import dev.tollgate.core.transfer.WithdrawState;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.Map;

/**
 * Transfers of a disputed state that the gateway must close out on chain itself, with the resolver
 * it signed off chain, before their dispute window ends: past it, the adjudicator returns a
 * transfer to its initiator.
 *
 * <ul>
 *   <li>A hashlock the gateway resolved with a preImage: the payment is the gateway's.
 *   <li>A withdrawal whose commitment the gateway signed: the payer can execute that commitment on
 *       chain at any time (the contract only refuses a second execution of the same one), so left
 *       to expire the locked amount would come back to the payer as well, paid twice. Resolved with
 *       the gateway's signature, the amount goes to no one in the channel (it left, or will leave,
 *       by {@code withdraw}) and the fee to the gateway.
 * </ul>
 *
 * A cancel (the zero preImage, or no signature) returns the funds, as expiry would: nothing to do.
 */
final class OwedTransfers {
  private OwedTransfers() {}

  static TransferResolver resolver(
      Address gateway, Map<Bytes32, TransferResolver> ownResolvers, ActiveTransfer transfer) {
    if (!transfer.core().responder().equals(gateway)) {
      return null;
    }
    TransferResolver resolver = ownResolvers.get(transfer.transferId());
    if (resolver instanceof HashlockResolver hashlock
        && !hashlock.isCancel()
        && transfer.initialState() instanceof HashlockState) {
      return resolver;
    }
    if (resolver instanceof WithdrawResolver withdraw
        && withdraw.responderSignature().isPresent()
        && transfer.initialState() instanceof WithdrawState) {
      return resolver;
    }
    return null;
  }

  /** The time after which {@code transfer}'s resolver no longer works; 0: never. */
  static long lockExpiry(ActiveTransfer transfer) {
    if (transfer.initialState() instanceof HashlockState lock) {
      return lock.expiry().value().min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }
    return 0;
  }

  /** What resolving {@code transfer} with the gateway's {@code resolver} pays the gateway. */
  static Uint256 paidToGateway(ActiveTransfer transfer, TransferResolver resolver) {
    if (resolver instanceof WithdrawResolver
        && transfer.initialState() instanceof WithdrawState withdraw) {
      return withdraw.fee();
    }
    return transfer.core().balance().amount0();
  }

  /** What the gateway is owed in {@code ours}, summed over its assets. */
  static Uint256 total(Address gateway, Map<Bytes32, TransferResolver> resolvers, Channel ours) {
    BigInteger sum = BigInteger.ZERO;
    for (ActiveTransfer transfer : ours.activeTransfers().values()) {
      TransferResolver resolver = resolver(gateway, resolvers, transfer);
      if (resolver != null) {
        sum = sum.add(paidToGateway(transfer, resolver).value());
      }
    }
    return Uint256.of(sum);
  }
}

package dev.tollgate.functions.gateway;

import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;

/**
 * Completes a hashlock payment to the gateway with the preimage the payer revealed. The gateway
 * signs the resolve alone; the payer's next update builds on it, which is its acknowledgement.
 */
public final class ResolveTransfer {
  private final InboundUpdates updates;
  private final Clock clock;

  public ResolveTransfer(InboundUpdates updates, Clock clock) {
    this.updates = updates;
    this.clock = clock;
  }

  public Checked<Accepted> resolve(Address channel, Bytes32 transferId, Bytes32 preImage) {
    if (preImage.isZero()) {
      // The all-zero resolver is the protocol's cancel: the lock would go back to the payer.
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST,
          "preImage must not be zero: that would cancel transfer " + transferId);
    }
    return ChannelGuards.existing(updates.store(), channel)
        .flatMap(
            (StoredChannel stored) -> {
              if (!stored.latest().activeTransfers().containsKey(transferId)) {
                return Checked.refused(
                    Refusal.of(
                        Rejection.of(
                            FailureReason.UNKNOWN_TRANSFER,
                            "transfer "
                                + transferId
                                + " is not active in channel "
                                + channel
                                + " at nonce "
                                + stored.nonce())));
              }
              return updates.propose(
                  stored,
                  new UpdateParams.Resolve(transferId, new HashlockResolver(preImage)),
                  ChainInputs.at(clock.nowSeconds()));
            });
  }
}

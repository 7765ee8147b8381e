package dev.tollgate.functions.gateway;

import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateType;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Optional;

/**
 * A payer locks a hashlock payment to the gateway and keeps the preimage: the payment completes
 * when the payer reveals it ({@link ResolveTransfer}), or returns to the payer at expiry. The paid
 * request of the paywall does both steps at once instead.
 */
public final class AcceptTransfer {
  private final InboundUpdates updates;
  private final GatewayNetwork network;
  private final Clock clock;

  public AcceptTransfer(InboundUpdates updates, GatewayNetwork network, Clock clock) {
    this.updates = updates;
    this.network = network;
    this.clock = clock;
  }

  public Checked<Accepted> create(Address channel, ChannelUpdate create) {
    Optional<Refusal> badShape = ChannelGuards.shape(channel, create, UpdateType.CREATE);
    if (badShape.isPresent()) {
      return Checked.refused(badShape.get());
    }
    Optional<Refusal> notTaken = paymentToGateway(create);
    if (notTaken.isPresent()) {
      return Checked.refused(notTaken.get());
    }
    return ChannelGuards.existing(updates.store(), channel)
        .flatMap(
            (StoredChannel stored) ->
                updates.accept(
                    Optional.of(stored),
                    stored.latest(),
                    create,
                    () -> ChainInputs.at(clock.nowSeconds()),
                    t -> Checked.ok(Optional.empty())))
        .flatMap(AcceptTransfer::notAPaidRequest);
  }

  /**
   * A repeat of a create the paywall took as a paid request (its answer is the create and the
   * gateway's resolve) is not answered here: a captured {@code PAYMENT-SIGNATURE} would otherwise
   * buy its holder the double-signed state. The payer has its answer from the paywall.
   */
  private static Checked<Accepted> notAPaidRequest(Accepted accepted) {
    if (accepted.replayed() && accepted.gatewayUpdate().isPresent()) {
      UpdateDetails.Create create = (UpdateDetails.Create) accepted.countersigned().details();
      return Checked.refused(
          PaywallReason.PAYMENT_ALREADY_USED,
          "transfer "
              + create.transferId()
              + " was taken as a paid request; its answer is not given on the channel route");
    }
    return Checked.ok(accepted);
  }

  /**
   * The create is a hashlock payment in an accepted asset. That it pays this gateway the protocol
   * rules check: a transfer's balance goes from its initiator to the other party.
   */
  Optional<Refusal> paymentToGateway(ChannelUpdate create) {
    UpdateDetails.Create details = (UpdateDetails.Create) create.details();
    if (!details.transferDefinition().equals(network.hashlockDefinition())) {
      return Optional.of(
          Refusal.of(
              GatewayReason.TRANSFER_NOT_ACCEPTED,
              "transfer definition "
                  + details.transferDefinition()
                  + " is not the hashlock definition "
                  + network.hashlockDefinition()
                  + " (withdrawals go to the withdrawals endpoint)"));
    }
    if (!network.accepts(create.assetId())) {
      return Optional.of(
          Refusal.of(
              GatewayReason.ASSET_NOT_ACCEPTED,
              "asset " + create.assetId() + " is not one this gateway accepts"));
    }
    return Optional.empty();
  }
}

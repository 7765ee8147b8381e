package dev.tollgate.functions.gateway;

import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.transfer.WithdrawResolver;
import dev.tollgate.core.transfer.WithdrawState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateType;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Optional;

/**
 * A payer takes funds out: it creates a Withdraw transfer to the gateway carrying its signature on
 * the withdraw commitment; the gateway countersigns the create, signs the commitment and resolves
 * the transfer in the same write, and hands back the double-signed commitment the payer submits to
 * the channel contract.
 */
public final class Withdraw {
  /** The accepted updates and the commitment the payer can now execute on chain. */
  public record Result(Accepted accepted, SignedWithdrawal withdrawal) {}

  private final InboundUpdates updates;
  private final GatewayNetwork network;
  private final Clock clock;

  public Withdraw(InboundUpdates updates, GatewayNetwork network, Clock clock) {
    this.updates = updates;
    this.network = network;
    this.clock = clock;
  }

  public Checked<Result> withdraw(Address channel, ChannelUpdate create, Address recipient) {
    Optional<Refusal> badShape = ChannelGuards.shape(channel, create, UpdateType.CREATE);
    if (badShape.isPresent()) {
      return Checked.refused(badShape.get());
    }
    UpdateDetails.Create details = (UpdateDetails.Create) create.details();
    if (!details.transferDefinition().equals(network.withdrawDefinition())
        || !(details.transferInitialState() instanceof WithdrawState state)) {
      return Checked.refused(
          GatewayReason.TRANSFER_NOT_ACCEPTED,
          "transfer definition "
              + details.transferDefinition()
              + " is not the withdraw definition "
              + network.withdrawDefinition());
    }
    Address gateway = updates.gateway().signer().address();
    if (!state.responder().equals(gateway) || !state.initiator().equals(create.fromIdentifier())) {
      return Checked.refused(
          GatewayReason.WITHDRAWAL_MISMATCH,
          "withdrawal initiator "
              + state.initiator()
              + " and responder "
              + state.responder()
              + " must be the payer "
              + create.fromIdentifier()
              + " and this gateway "
              + gateway);
    }
    if (state.fee().compareTo(details.balance().amount(0)) > 0) {
      return Checked.refused(
          GatewayReason.WITHDRAWAL_MISMATCH,
          "withdrawal fee "
              + state.fee()
              + " exceeds the locked amount "
              + details.balance().amount(0));
    }
    WithdrawData data =
        new WithdrawData(
            channel,
            create.assetId(),
            recipient,
            Uint256.of(details.balance().amount(0).value().subtract(state.fee().value())),
            state.nonce(),
            state.callTo(),
            state.callData());
    if (!ChannelHashes.withdrawCommitment(data).equals(state.data())) {
      return Checked.refused(
          GatewayReason.WITHDRAWAL_MISMATCH,
          "the signed commitment "
              + state.data()
              + " is not the commitment to "
              + data
              + "; check the recipient and that amount = locked amount - fee");
    }
    return ChannelGuards.existing(updates.store(), channel)
        .flatMap(
            (StoredChannel stored) ->
                updates.accept(
                    Optional.of(stored),
                    stored.latest(),
                    create,
                    () -> ChainInputs.at(clock.nowSeconds()),
                    created ->
                        updates.resolveCreated(
                            created,
                            WithdrawResolver.signed(
                                updates
                                    .gateway()
                                    .signer()
                                    .sign(ChannelHashes.signedDigest(state.data()))),
                            clock.nowSeconds())))
        .map(accepted -> new Result(accepted, signed(accepted, data, state)));
  }

  /** The gateway's signature is the resolver of the resolve it wrote, repeat or not. */
  private static SignedWithdrawal signed(
      Accepted accepted, WithdrawData data, WithdrawState state) {
    ChannelUpdate resolve =
        accepted
            .gatewayUpdate()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "withdrawal at nonce "
                            + accepted.countersigned().nonce()
                            + " was recorded without the gateway's resolve"));
    WithdrawResolver resolver =
        (WithdrawResolver) ((UpdateDetails.Resolve) resolve.details()).transferResolver();
    return new SignedWithdrawal(
        data, resolver.responderSignature().orElseThrow(), state.initiatorSignature());
  }
}

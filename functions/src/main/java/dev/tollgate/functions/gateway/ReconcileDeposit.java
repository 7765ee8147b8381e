package dev.tollgate.functions.gateway;

import dev.tollgate.core.port.ChainReader;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateType;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Optional;

/**
 * A payer's deposit update: it reconciles what reached the channel contract into the balance. The
 * gateway countersigns only the totals the chain reports, read when a new update arrives (never for
 * a repeat of one already taken). The first deposit credited passes the {@link FirstFundingGuard}.
 */
public final class ReconcileDeposit {
  private final InboundUpdates updates;
  private final GatewayNetwork network;
  private final ChainReader chain;
  private final FirstFundingGuard firstFunding;
  private final Clock clock;

  public ReconcileDeposit(
      InboundUpdates updates,
      GatewayNetwork network,
      ChainReader chain,
      FirstFundingGuard firstFunding,
      Clock clock) {
    this.updates = updates;
    this.network = network;
    this.chain = chain;
    this.firstFunding = firstFunding;
    this.clock = clock;
  }

  public Checked<Accepted> reconcile(Address channel, ChannelUpdate deposit) {
    Optional<Refusal> badShape = ChannelGuards.shape(channel, deposit, UpdateType.DEPOSIT);
    if (badShape.isPresent()) {
      return Checked.refused(badShape.get());
    }
    if (!network.accepts(deposit.assetId())) {
      return Checked.refused(
          GatewayReason.ASSET_NOT_ACCEPTED,
          "asset " + deposit.assetId() + " is not one this gateway accepts");
    }
    return ChannelGuards.existing(updates.store(), channel)
        .flatMap((StoredChannel stored) -> reconcile(channel, stored, deposit));
  }

  private Checked<Accepted> reconcile(
      Address channel, StoredChannel stored, ChannelUpdate deposit) {
    if (deposit.nonce() <= stored.nonce()) {
      return updates.repeatOrBehind(deposit, stored);
    }
    DepositTotals totals = chain.depositTotals(channel, deposit.assetId());
    Optional<Refusal> refused = firstFunding.check(channel, stored, totals);
    if (refused.isPresent()) {
      return Checked.refused(refused.get());
    }
    return updates.accept(
        Optional.of(stored),
        stored.latest(),
        deposit,
        () -> ChainInputs.at(clock.nowSeconds()).withDeposits(deposit.assetId(), totals),
        t -> Checked.ok(Optional.empty()));
  }
}

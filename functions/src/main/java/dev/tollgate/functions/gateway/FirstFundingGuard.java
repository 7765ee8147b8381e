package dev.tollgate.functions.gateway;

import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.deposits.FundedChannels;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Objects;
import java.util.Optional;

/**
 * The first deposit credited into a channel makes it funded, and from then on the watcher reads its
 * logs. Before that nobody read them, so a dispute started on chain while the channel was empty
 * went unseen: before the first deposit is credited the chain is asked whether the channel was ever
 * disputed, and a channel that was is never credited (its payer recovers the deposit on chain).
 * Otherwise the channel is recorded as funded before the deposit update is stored, so a credited
 * channel is always watched: a dispute mined after the question is in a block the watcher has not
 * passed yet (it stays {@code confirmations} behind the head), unless more than {@code
 * confirmations} blocks were mined while this one request ran.
 */
public final class FirstFundingGuard {
  private final FundedChannels funded;
  private final AdjudicatorReader chain;

  public FirstFundingGuard(FundedChannels funded, AdjudicatorReader chain) {
    this.funded = Objects.requireNonNull(funded, "funded");
    this.chain = Objects.requireNonNull(chain, "chain");
  }

  /**
   * A refusal if crediting {@code totals} into {@code stored} must not happen; otherwise, on the
   * first deposit, the channel is recorded as funded.
   */
  public Optional<Refusal> check(Address channel, StoredChannel stored, DepositTotals totals) {
    if (totals.alice().isZero() && totals.bob().isZero()) {
      return Optional.empty(); // nothing to credit: the protocol refuses it as no new deposit
    }
    if (holdsDeposits(stored.latest().state())) {
      return Optional.empty(); // funded before: watched since its first deposit
    }
    OnChainDispute dispute = chain.channelDispute(channel);
    if (dispute.exists()) {
      return Optional.of(
          Refusal.of(
              GatewayReason.CHANNEL_DISPUTED,
              "channel "
                  + channel
                  + " was disputed on chain at nonce "
                  + dispute.nonce()
                  + " before any deposit into it was credited; the gateway credits none"));
    }
    funded.funded(channel);
    return Optional.empty();
  }

  private static boolean holdsDeposits(CoreChannelState state) {
    return state.processedDepositsA().stream().anyMatch(d -> !d.isZero())
        || state.processedDepositsB().stream().anyMatch(d -> !d.isZero());
  }
}

package dev.tollgate.functions.deposits;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.gateway.Accepted;
import dev.tollgate.functions.gateway.InboundUpdates;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a confirmed deposit available to the channel: the totals are read at a block already {@code
 * confirmations} deep and stored, so the payer's deposit update is countersigned against them.
 * Where the gateway itself deposited, it reconciles its deposit into the channel at once. A channel
 * with confirmed deposits counts as {@linkplain FundedChannels funded}, so the watcher reads it.
 */
public final class CreditDeposit {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.deposits");

  private final ConfirmedDeposits deposits;
  private final FundedChannels funded;
  private final AdjudicatorReader chain;
  private final long confirmations;
  private final InboundUpdates updates;
  private final Clock clock;

  public CreditDeposit(
      ConfirmedDeposits deposits,
      FundedChannels funded,
      AdjudicatorReader chain,
      long confirmations,
      InboundUpdates updates,
      Clock clock) {
    if (confirmations < 0) {
      throw new IllegalArgumentException(
          "confirmations must not be negative, got " + confirmations);
    }
    this.deposits = deposits;
    this.funded = funded;
    this.chain = chain;
    this.confirmations = confirmations;
    this.updates = updates;
    this.clock = clock;
  }

  /**
   * Credits the totals of {@code assetId} in {@code channel} as of the newest confirmed block (at
   * least {@code eventBlock}, where the deposit was seen); returns what was done.
   */
  public String credit(Address channel, Address assetId, long eventBlock, boolean byGateway) {
    long block = Math.max(eventBlock, chain.head().number() - confirmations);
    DepositTotals totals = chain.depositTotalsAt(channel, assetId, block);
    if (!totals.alice().isZero() || !totals.bob().isZero()) {
      funded.funded(channel);
    }
    boolean fresh = deposits.record(channel, assetId, totals, block);
    LOG.info(
        "deposit confirmed",
        kv("action", "deposit_confirmed"),
        kv("channelAddress", channel.toChecksumHex()),
        kv("assetId", assetId.toChecksumHex()),
        kv("totalAlice", totals.alice().toDecimal()),
        kv("totalBob", totals.bob().toDecimal()),
        kv("block", block),
        kv("stored", fresh));
    String outcome =
        "confirmed totals alice "
            + totals.alice().toDecimal()
            + ", bob "
            + totals.bob().toDecimal()
            + " at block "
            + block;
    if (byGateway) {
      outcome += "; " + reconcileOwn(channel, assetId, totals);
    }
    return outcome;
  }

  /** The gateway proposes the deposit update for its own deposit; the payer acknowledges it. */
  private String reconcileOwn(Address channel, Address assetId, DepositTotals totals) {
    Optional<StoredChannel> stored = updates.store().load(channel);
    if (stored.isEmpty()) {
      return "channel not open with this gateway, nothing reconciled";
    }
    CoreChannelState state = stored.get().latest().state();
    int index = state.assetIndex(assetId);
    if (index >= 0 && state.processedDepositsA().get(index).compareTo(totals.alice()) >= 0) {
      return "already reconciled at nonce " + state.nonce();
    }
    Checked<Accepted> proposed =
        updates.propose(
            stored.get(),
            new UpdateParams.Deposit(assetId),
            ChainInputs.at(clock.nowSeconds()).withDeposits(assetId, totals));
    if (!proposed.isOk()) {
      if (proposed.refusal() instanceof Refusal.Terms terms
          && terms.reason() == GatewayReason.CHANNEL_DISPUTED) {
        return "not reconciled: the channel is disputed";
      }
      // Thrown so the event is redelivered: a lost race is retried on the newer state.
      throw new IllegalStateException(
          "reconciling the gateway's deposit into "
              + channel
              + " was refused: "
              + proposed.refusal().errorReason());
    }
    return "reconciled at nonce " + proposed.value().channel().nonce();
  }
}

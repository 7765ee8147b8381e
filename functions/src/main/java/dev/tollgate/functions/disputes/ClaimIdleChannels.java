package dev.tollgate.functions.disputes;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.ChainCallRevertedException;
import dev.tollgate.core.port.ChainWriter;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes channels whose payer went silent while owing the gateway: every payment ends with a
 * resolve that the payer acknowledges only by signing its next update, so a payer who never comes
 * back leaves its last payments claimable only on chain. The gateway disputes with its newest
 * double-signed state and the {@link DisputeKeeper} claims the transfers with their preImages.
 */
public final class ClaimIdleChannels {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.disputes");

  private final ChannelStore store;
  private final IdleChannels idle;
  private final DisputeBook book;
  private final ChainWriter writer;
  private final AdjudicatorReader chain;
  private final DisputeKeeper keeper;
  private final ClaimPolicy policy;

  public ClaimIdleChannels(
      ChannelStore store,
      IdleChannels idle,
      DisputeBook book,
      ChainWriter writer,
      AdjudicatorReader chain,
      DisputeKeeper keeper,
      ClaimPolicy policy) {
    this.store = store;
    this.idle = idle;
    this.book = book;
    this.writer = writer;
    this.chain = chain;
    this.keeper = keeper;
    this.policy = policy;
  }

  /** Disputes the channels idle since before {@code now - idleSeconds}; returns those disputed. */
  public List<Address> run(long now) {
    List<Address> disputed = new ArrayList<>();
    if (!policy.enabled()) {
      return disputed;
    }
    for (Address channel :
        idle.unacknowledgedSince(now - policy.idleSeconds(), policy.maxChannelsPerRun())) {
      Optional<StoredChannel> stored = store.load(channel);
      if (stored.isEmpty() || stored.get().latestIsDoubleSigned()) {
        continue;
      }
      Channel ours = stored.get().latestDoubleSigned();
      // A dispute under way, or one already settled on this state, leaves nothing to start.
      if (book.find(channel)
          .filter(r -> !r.stage().isFinished() || r.disputedNonce() >= ours.nonce())
          .isPresent()) {
        continue;
      }
      Uint256 owed =
          OwedTransfers.total(writer.sender(), keeper.views().ownResolvers(stored.get()), ours);
      if (owed.isZero() || owed.compareTo(policy.minimumClaim()) < 0) {
        continue;
      }
      ChannelUpdate signed = ours.latestUpdate().orElseThrow();
      try {
        if (!chain.isDeployed(channel)) {
          // A call to an address without code succeeds and does nothing: deploy first.
          writer.deployChannel(
              ours.network().channelFactoryAddress(), ours.state().alice(), ours.state().bob());
        }
        writer.disputeChannel(
            ours.state(),
            signed.aliceSignature().orElseThrow(),
            signed.bobSignature().orElseThrow());
      } catch (ChainCallRevertedException refused) {
        LOG.warn(
            "claim dispute refused by the chain",
            kv("action", "claim_refused"),
            kv("channelAddress", channel.toChecksumHex()),
            kv("reason", refused.reason()));
        continue;
      }
      LOG.info(
          "idle channel disputed to claim what it owes",
          kv("action", "claim_started"),
          kv("channelAddress", channel.toChecksumHex()),
          kv("nonce", ours.nonce()),
          kv("owed", owed.toDecimal()));
      keeper.observed(channel, ours.nonce(), writer.sender());
      disputed.add(channel);
    }
    return disputed;
  }
}

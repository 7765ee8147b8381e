package dev.tollgate.functions.disputes;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.port.ChainCallRevertedException;
import dev.tollgate.core.port.ChainWriter;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.SentTransaction;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the gateway's side of every dispute: defends with its newest double-signed state, claims
 * the transfers owed to it with their preImages, defunds the channel and exits its balance, step by
 * step as the adjudicator's windows open. Each step reads the chain afresh, so a step that another
 * container (or the payer) already took is never sent twice.
 */
public final class DisputeKeeper {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.disputes");

  /** Bounds one channel's round: a dispute needs at most a handful of transactions per window. */
  static final int MAX_STEPS = 32;

  private final ChannelStore store;
  private final AdjudicatorReader chain;
  private final ChainWriter writer;
  private final DisputeBook book;
  private final Clock clock;
  private final DisputeViews views;

  public DisputeKeeper(
      ChannelStore store,
      AdjudicatorReader chain,
      ChainWriter writer,
      DisputeBook book,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.book = Objects.requireNonNull(book, "book");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.views = new DisputeViews(store, chain, writer.sender());
  }

  DisputeViews views() {
    return views;
  }

  /** One round over every unfinished dispute; returns where each ended this round. */
  public List<DisputeRecord> run() {
    List<DisputeRecord> after = new ArrayList<>();
    for (DisputeRecord record : book.unfinished()) {
      after.add(advance(record.channel()));
    }
    return after;
  }

  /**
   * Records that the chain shows a dispute of {@code channel} at {@code nonce} (from its event or
   * from the gateway's own transaction), then takes every step that is due.
   */
  public DisputeRecord observed(Address channel, long nonce, Address disputer) {
    OnChainDispute onChain = chain.channelDispute(channel);
    Optional<DisputeRecord> existing = book.find(channel);
    long now = clock.nowSeconds();
    DisputeRecord record =
        existing
            .map(
                r ->
                    r.disputedNonce() == nonce && !r.stage().isFinished()
                        ? r
                        : r.disputedAgain(
                            nonce,
                            disputer,
                            onChain.consensusExpiry(),
                            onChain.defundExpiry(),
                            now))
            .orElseGet(
                () ->
                    new DisputeRecord(
                        channel,
                        nonce,
                        disputer,
                        onChain.consensusExpiry(),
                        onChain.defundExpiry(),
                        DisputeStage.OPEN,
                        "disputed at nonce " + nonce + " by " + disputer,
                        now,
                        1));
    if (store.load(channel).isPresent()) {
      // Off-chain updates stop here: after the consensus window they could not be enforced.
      store.markDisputed(channel, nonce);
    }
    if (existing.isEmpty() || record != existing.get()) {
      save(record);
      LOG.info(
          "dispute observed",
          kv("action", "dispute_observed"),
          kv("channelAddress", channel.toChecksumHex()),
          kv("nonce", nonce),
          kv("disputer", disputer.toChecksumHex()));
    }
    return advance(channel);
  }

  /** Takes the steps due in {@code channel}'s dispute, if the gateway has recorded one. */
  public void advanceIfDisputed(Address channel) {
    if (book.find(channel).filter(r -> !r.stage().isFinished()).isPresent()) {
      advance(channel);
    }
  }

  /** Takes every step of {@code channel}'s dispute that is due now. */
  public DisputeRecord advance(Address channel) {
    DisputeRecord record =
        book.find(channel)
            .orElseThrow(
                () -> new IllegalArgumentException("no dispute recorded for channel " + channel));
    Optional<StoredChannel> stored = store.load(channel);
    if (stored.isEmpty()) {
      return save(
          record.after(
              new DisputeStep.Lost("not a channel of this gateway"),
              "not a channel of this gateway",
              clock.nowSeconds()));
    }
    for (int i = 0; i < MAX_STEPS && !record.stage().isFinished(); i++) {
      DisputeStep step = DisputePlanner.next(views.read(stored.get()));
      String action;
      try {
        action = take(channel, step);
      } catch (ChainCallRevertedException refused) {
        LOG.warn(
            "dispute step refused by the chain",
            kv("action", "dispute_step_refused"),
            kv("channelAddress", channel.toChecksumHex()),
            kv("call", refused.call()),
            kv("reason", refused.reason()));
        return save(record.noting(refused.getMessage(), now()));
      }
      record = save(record.after(step, action, now()));
      if (step instanceof DisputeStep.Wait
          || step instanceof DisputeStep.Settled
          || step instanceof DisputeStep.Lost) {
        break;
      }
    }
    return record;
  }

  /** Sends {@code step}'s transaction, if it has one; returns what was done, for the record. */
  private String take(Address channel, DisputeStep step) {
    if (step instanceof DisputeStep.Defend d) {
      Channel ours = d.latestDoubleSigned();
      ChannelUpdate signed = ours.latestUpdate().orElseThrow();
      return logged(
          "defend",
          channel,
          writer.disputeChannel(
              ours.state(),
              signed.aliceSignature().orElseThrow(),
              signed.bobSignature().orElseThrow()),
          "nonce " + ours.nonce());
    }
    if (step instanceof DisputeStep.DisputeTransfer t) {
      return logged(
          "dispute_transfer",
          channel,
          writer.disputeTransfer(t.transfer().core(), t.merkleProof()),
          "transfer " + t.transfer().transferId());
    }
    if (step instanceof DisputeStep.DefundTransfer t) {
      return logged(
          "claim_transfer",
          channel,
          writer.defundTransfer(
              t.transfer().core(), t.transfer().initialState().encode(), t.resolver().encode()),
          "transfer " + t.transfer().transferId());
    }
    if (step instanceof DisputeStep.DefundChannel c) {
      return logged(
          "defund_channel",
          channel,
          writer.defundChannel(c.state(), c.assetIds(), c.indices()),
          "assets " + c.assetIds());
    }
    if (step instanceof DisputeStep.Exit e) {
      return logged(
          "exit",
          channel,
          writer.exit(channel, e.assetId(), writer.sender()),
          "asset " + e.assetId());
    }
    if (step instanceof DisputeStep.Lost l) {
      LOG.error(
          "dispute lost: {}",
          l.why(),
          kv("action", "dispute_lost"),
          kv("channelAddress", channel.toChecksumHex()),
          kv("reason", l.why()));
      return "lost: " + l.why();
    }
    if (step instanceof DisputeStep.Wait w) {
      return "waiting for " + w.why() + " until " + w.until();
    }
    LOG.info(
        "dispute settled",
        kv("action", "dispute_settled"),
        kv("channelAddress", channel.toChecksumHex()));
    return "settled";
  }

  private static String logged(String action, Address channel, SentTransaction tx, String what) {
    LOG.info(
        "{} sent",
        action,
        kv("action", action),
        kv("channelAddress", channel.toChecksumHex()),
        kv("txHash", tx.hash().toString()),
        kv("block", tx.blockNumber()),
        kv("gasUsed", tx.gasUsed()));
    return action + " " + what + " in " + tx.hash();
  }

  private DisputeRecord save(DisputeRecord record) {
    try {
      book.save(record);
      return record;
    } catch (DisputeRecordChangedException raced) {
      // Another container moved this dispute on; its record is as good as ours, and the chain,
      // re-read on the next step, says what is left to do.
      return raced.stored().orElseThrow(() -> new IllegalStateException(raced));
    }
  }

  private long now() {
    return clock.nowSeconds();
  }
}

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
 * Carries the gateway's side of every dispute: defends an older state with its newest double-signed
 * one, then, with whatever state the chain settled on, closes out the transfers only it can resolve
 * (payments with their preImages, withdrawals with its signature), defunds the channel and exits
 * its balance, step by step as the adjudicator's windows open. Each step reads the chain afresh, so
 * a step that another container (or the payer) already took is never sent twice.
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
    for (DisputeRecord listed : book.unfinished()) {
      // The list comes from an index that may lag; the record itself is read consistently.
      book.find(listed.channel())
          .filter(r -> !r.stage().isFinished())
          .map(this::advance)
          .ifPresent(after::add);
    }
    return after;
  }

  /**
   * Records that the chain shows a dispute of {@code channel} at {@code nonce} (from its event or
   * from the gateway's own transaction), stops the channel taking updates, then takes every step
   * that is due.
   */
  public DisputeRecord observed(Address channel, long nonce, Address disputer) {
    if (store.load(channel).isEmpty()) {
      throw new IllegalArgumentException("channel " + channel + " is not stored here");
    }
    Optional<DisputeRecord> existing = book.find(channel);
    DisputeRecord record;
    if (existing.isPresent() && existing.get().disputedNonce() >= nonce) {
      // This dispute, or a later one, is recorded already: its event came again, or the chain
      // scan found it too. A finished one stays finished; a nonce is disputed only once.
      record = existing.get();
      if (record.stage().isFinished()) {
        return record;
      }
    } else {
      // Off-chain updates stop here: after the consensus window they could not be enforced.
      store.markDisputed(channel, nonce);
      OnChainDispute onChain = chain.channelDispute(channel);
      long now = now();
      record =
          existing.isPresent()
              ? existing
                  .get()
                  .disputedAgain(
                      nonce, disputer, onChain.consensusExpiry(), onChain.defundExpiry(), now)
              : new DisputeRecord(
                  channel,
                  nonce,
                  disputer,
                  onChain.consensusExpiry(),
                  onChain.defundExpiry(),
                  DisputeStage.OPEN,
                  "disputed at nonce " + nonce + " by " + disputer,
                  now,
                  1);
      record = save(record);
      LOG.info(
          "dispute observed",
          kv("action", "dispute_observed"),
          kv("channelAddress", channel.toChecksumHex()),
          kv("nonce", nonce),
          kv("disputer", disputer.toChecksumHex()));
    }
    // Read after the mark: no update written before it is missing from what the keeper follows.
    return advance(record);
  }

  /** Takes the steps due in {@code channel}'s dispute, if the gateway has recorded one. */
  public void advanceIfDisputed(Address channel) {
    Optional<DisputeRecord> record = book.find(channel).filter(r -> !r.stage().isFinished());
    if (record.isPresent()) {
      advance(record.get());
    }
  }

  private DisputeRecord advance(DisputeRecord record) {
    Optional<StoredChannel> stored = store.load(record.channel());
    if (stored.isEmpty()) {
      String why = "not a channel of this gateway";
      return save(record.after(new DisputeStep.Lost(why), why, now()));
    }
    return advance(record, stored.get());
  }

  /** Takes every step of the dispute that is due now, re-reading the chain before each. */
  private DisputeRecord advance(DisputeRecord record, StoredChannel stored) {
    Address channel = record.channel();
    DisputeViews.Reader reader = views.reader(stored);
    for (int i = 0; i < MAX_STEPS && !record.stage().isFinished(); i++) {
      DisputeStep step = DisputePlanner.next(reader.read());
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
      if (step instanceof DisputeStep.Wait && action.equals(record.lastAction())) {
        // Still waiting for the same moment: nothing new to record.
        return record;
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

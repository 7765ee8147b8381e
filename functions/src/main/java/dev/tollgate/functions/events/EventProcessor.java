package dev.tollgate.functions.events;

import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.deposits.CreditDeposit;
import dev.tollgate.functions.disputes.DisputeKeeper;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.withdrawals.CompletedWithdrawals;
import dev.tollgate.functions.withdrawals.CompletedWithdrawals.CompletedWithdrawal;
import java.util.Objects;

/**
 * Acts on one confirmed chain event. Each action is safe to repeat (stored totals only move
 * forward, dispute steps re-read the chain, withdrawals are recorded once), and a handled event is
 * recorded, so a redelivered message changes nothing.
 */
public final class EventProcessor {
  private final ProcessedEvents processed;
  private final ChannelStore channels;
  private final CreditDeposit deposits;
  private final DisputeKeeper disputes;
  private final CompletedWithdrawals withdrawals;
  private final Address gateway;

  public EventProcessor(
      ProcessedEvents processed,
      ChannelStore channels,
      CreditDeposit deposits,
      DisputeKeeper disputes,
      CompletedWithdrawals withdrawals,
      Address gateway) {
    this.processed = Objects.requireNonNull(processed, "processed");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.deposits = Objects.requireNonNull(deposits, "deposits");
    this.disputes = Objects.requireNonNull(disputes, "disputes");
    this.withdrawals = Objects.requireNonNull(withdrawals, "withdrawals");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  /** Handles {@code event} unless it was handled before; returns what was done. */
  public String process(ChainEvent event) {
    if (processed.isProcessed(event)) {
      return "already processed";
    }
    String outcome = handle(event);
    processed.markProcessed(event, outcome);
    return outcome;
  }

  private String handle(ChainEvent event) {
    if (channels.load(event.channel()).isEmpty()) {
      return "not a channel of this gateway; recorded only";
    }
    if (event instanceof ChainEvent.TokenDeposited d) {
      return deposits.credit(d.channel(), d.assetId(), d.origin().blockNumber(), false);
    }
    if (event instanceof ChainEvent.AliceDeposited d) {
      return deposits.credit(d.channel(), d.assetId(), d.origin().blockNumber(), true);
    }
    if (event instanceof ChainEvent.ChannelDisputed d) {
      DisputeRecord record = disputes.observed(d.channel(), d.state().nonce(), d.disputer());
      return "dispute " + record.stage() + ": " + record.lastAction();
    }
    if (event instanceof ChainEvent.WithdrawalExecuted w) {
      withdrawals.record(
          new CompletedWithdrawal(
              w.channel(),
              w.withdrawDataHash(),
              w.assetId(),
              w.recipient(),
              w.amount(),
              w.origin().txHash(),
              w.origin().blockNumber()));
      return "withdrawal " + w.withdrawDataHash() + " complete";
    }
    if (event instanceof ChainEvent.TransferDisputed
        || event instanceof ChainEvent.TransferDefunded
        || event instanceof ChainEvent.ChannelDefunded) {
      // Progress of a dispute: whoever sent it, the keeper's next step re-reads the chain.
      disputes.advanceIfDisputed(event.channel());
      return "dispute progress recorded";
    }
    if (event instanceof ChainEvent.Exited e) {
      return "exited "
          + e.amount().toDecimal()
          + " to "
          + e.recipient()
          + (e.owner().equals(gateway) ? " (the gateway's share)" : "");
    }
    return "recorded";
  }
}

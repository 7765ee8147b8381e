package dev.tollgate.functions.config;

import dev.tollgate.contracts.chain.Web3jAdjudicatorReader;
import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.ChainWriter;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.adapter.chain.SenderSettings;
import dev.tollgate.functions.adapter.chain.TransactionSender;
import dev.tollgate.functions.adapter.chain.Web3jChainRpc;
import dev.tollgate.functions.adapter.chain.Web3jChainWriter;
import dev.tollgate.functions.adapter.chain.Web3jDisputeLogs;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbCompletedWithdrawals;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbDisputeBook;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbFundedChannels;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbIdleChannels;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbNonceLedger;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbProcessedEvents;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbWatchCursor;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.deposits.ConfirmedDeposits;
import dev.tollgate.functions.deposits.CreditDeposit;
import dev.tollgate.functions.disputes.ClaimIdleChannels;
import dev.tollgate.functions.disputes.ClaimPolicy;
import dev.tollgate.functions.disputes.DisputeBook;
import dev.tollgate.functions.disputes.DisputeKeeper;
import dev.tollgate.functions.disputes.DisputeScan;
import dev.tollgate.functions.disputes.DisputeScanSettings;
import dev.tollgate.functions.events.EventBatch;
import dev.tollgate.functions.events.EventProcessor;
import dev.tollgate.functions.events.ProcessedEvents;
import dev.tollgate.functions.events.WatcherSettings;
import dev.tollgate.functions.gateway.GatewayNetwork;
import dev.tollgate.functions.gateway.InboundUpdates;
import dev.tollgate.functions.withdrawals.CompletedWithdrawals;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.web3j.protocol.Web3j;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires what the gateway does about chain events: the event processor, the dispute keeper and the
 * gateway's own transactions, signed by the same {@link Signer} as its channel updates. Built on
 * {@link GatewayFactory}'s beans; every setting is checked at startup.
 */
@Factory
@Requires(property = "tollgate.chain.id")
public class ChainActionsFactory {

  @Singleton
  AdjudicatorReader adjudicatorReader(Web3j web3j) {
    return new Web3jAdjudicatorReader(web3j);
  }

  /**
   * Transactions from the gateway's signer: nonces from a ledger in the chain table, so containers
   * never reuse one; replaced with higher fees when stuck for {@code stuck-after-seconds}.
   */
  @Singleton
  TransactionSender transactionSender(
      Web3j web3j,
      DynamoDbClient dynamo,
      TableNames tables,
      Signer signer,
      Clock clock,
      @Value("${tollgate.chain.sender.poll-millis:250}") long pollMillis,
      @Value("${tollgate.chain.sender.stuck-after-seconds:30}") long stuckAfter,
      @Value("${tollgate.chain.sender.receipt-timeout-seconds:600}") long receiptTimeout) {
    SenderSettings settings;
    try {
      settings =
          SenderSettings.defaults()
              .withPollInterval(Duration.ofMillis(pollMillis))
              .withStuckAfter(Duration.ofSeconds(stuckAfter))
              .withReceiptTimeout(Duration.ofSeconds(receiptTimeout));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tollgate.chain.sender: " + e.getMessage(), e);
    }
    return new TransactionSender(
        new Web3jChainRpc(web3j),
        new DynamoDbNonceLedger(dynamo, tables),
        signer,
        settings,
        clock,
        System::nanoTime);
  }

  @Singleton
  ChainWriter chainWriter(Web3j web3j, TransactionSender sender) {
    return new Web3jChainWriter(web3j, sender);
  }

  @Singleton
  DisputeBook disputeBook(DynamoDbClient dynamo, TableNames tables) {
    return new DynamoDbDisputeBook(dynamo, tables);
  }

  @Singleton
  DisputeKeeper disputeKeeper(
      ChannelStore store,
      AdjudicatorReader chain,
      ChainWriter writer,
      DisputeBook book,
      Clock clock) {
    return new DisputeKeeper(store, chain, writer, book, clock);
  }

  /**
   * The keeper's own scan for disputes, so one whose event never reached the processor is still
   * defended: from its own cursor, {@code tollgate.watcher.confirmations} behind the head, starting
   * at {@code tollgate.watcher.start-block}, at most {@code
   * tollgate.disputes.scan-max-blocks-per-run} blocks a run.
   */
  @Singleton
  DisputeScan disputeScan(
      Web3j web3j,
      DynamoDbClient dynamo,
      TableNames tables,
      ChannelStore store,
      DisputeBook book,
      DisputeKeeper keeper,
      GatewayNetwork network,
      Signer signer,
      @Value("${tollgate.watcher.confirmations:" + WatcherSettings.DEFAULT_CONFIRMATIONS + "}")
          long confirmations,
      @Value("${tollgate.watcher.start-block:" + WatcherSettings.DEFAULT_START_BLOCK + "}")
          long startBlock,
      @Value(
              "${tollgate.disputes.scan-max-blocks-per-run:"
                  + DisputeScanSettings.DEFAULT_MAX_BLOCKS_PER_RUN
                  + "}")
          long maxBlocks) {
    DisputeScanSettings settings;
    try {
      settings = new DisputeScanSettings(confirmations, startBlock, maxBlocks);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tollgate.disputes scan: " + e.getMessage(), e);
    }
    return new DisputeScan(
        new Web3jDisputeLogs(web3j),
        DynamoDbWatchCursor.keeper(dynamo, tables),
        store,
        book,
        keeper,
        network,
        signer.address(),
        settings);
  }

  /**
   * Claims on channels whose payer went silent while owing: after {@code claim-idle-after-seconds}
   * (a week by default; 0 turns claiming off), if at least {@code minimum-claim} base units are
   * owed.
   */
  @Singleton
  ClaimIdleChannels claimIdleChannels(
      ChannelStore store,
      DynamoDbClient dynamo,
      TableNames tables,
      DisputeBook book,
      ChainWriter writer,
      AdjudicatorReader chain,
      DisputeKeeper keeper,
      @Value("${tollgate.disputes.claim-idle-after-seconds:604800}") long idleSeconds,
      @Value("${tollgate.disputes.minimum-claim:1}") String minimumClaim,
      @Value("${tollgate.disputes.max-claims-per-run:20}") int maxClaims) {
    Uint256 minimum;
    try {
      minimum = Uint256.parse(minimumClaim);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tollgate.disputes.minimum-claim must be a uint256 in base units, got '"
              + minimumClaim
              + "'",
          e);
    }
    return new ClaimIdleChannels(
        store,
        new DynamoDbIdleChannels(dynamo, tables),
        book,
        writer,
        chain,
        keeper,
        new ClaimPolicy(idleSeconds, minimum, maxClaims));
  }

  @Singleton
  CreditDeposit creditDeposit(
      ConfirmedDeposits confirmed,
      DynamoDbFundedChannels funded,
      AdjudicatorReader chain,
      @Value("${tollgate.watcher.confirmations:" + WatcherSettings.DEFAULT_CONFIRMATIONS + "}")
          long confirmations,
      InboundUpdates updates,
      Clock clock) {
    try {
      return new CreditDeposit(confirmed, funded, chain, confirmations, updates, clock);
    } catch (IllegalArgumentException e) {
      // The setting is the watcher's: a deposit is credited as deep as the watcher reads.
      throw new IllegalArgumentException("tollgate.watcher: " + e.getMessage(), e);
    }
  }

  @Singleton
  CompletedWithdrawals completedWithdrawals(DynamoDbClient dynamo, TableNames tables) {
    return new DynamoDbCompletedWithdrawals(dynamo, tables);
  }

  /**
   * Processed-event records, kept {@code tollgate.events.processed-retention-days} (90 by default,
   * at least 30) before DynamoDB's TTL removes them.
   */
  @Singleton
  ProcessedEvents processedEvents(
      DynamoDbClient dynamo,
      TableNames tables,
      Clock clock,
      @Value(
              "${tollgate.events.processed-retention-days:"
                  + DynamoDbProcessedEvents.DEFAULT_RETENTION_DAYS
                  + "}")
          long retentionDays) {
    try {
      return new DynamoDbProcessedEvents(dynamo, tables, clock, retentionDays);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tollgate.events.processed-retention-days: " + e.getMessage(), e);
    }
  }

  @Singleton
  EventProcessor eventProcessor(
      ProcessedEvents processed,
      ChannelStore store,
      CreditDeposit deposits,
      DisputeKeeper keeper,
      CompletedWithdrawals withdrawals,
      Signer signer) {
    return new EventProcessor(processed, store, deposits, keeper, withdrawals, signer.address());
  }

  @Singleton
  EventBatch eventBatch(EventProcessor processor) {
    return new EventBatch(processor);
  }
}

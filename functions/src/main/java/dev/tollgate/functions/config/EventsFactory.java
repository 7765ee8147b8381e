package dev.tollgate.functions.config;

import dev.tollgate.core.port.Signer;
import dev.tollgate.functions.adapter.chain.Web3jChainLogs;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbWatchCursor;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.adapter.sqs.SqsEventQueue;
import dev.tollgate.functions.events.ChainLogs;
import dev.tollgate.functions.events.ChainWatcher;
import dev.tollgate.functions.events.EventQueue;
import dev.tollgate.functions.events.KnownChannels;
import dev.tollgate.functions.events.WatchCursor;
import dev.tollgate.functions.events.WatcherSettings;
import dev.tollgate.functions.gateway.GatewayNetwork;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires the chain-event side from {@code tollgate.*} configuration: present only when an event
 * queue is configured. It builds on {@link GatewayFactory}'s network, signer and DynamoDB client,
 * so the event functions are configured like the gateway, plus the queue and the watcher's
 * settings.
 */
@Factory
@Requires(property = "tollgate.events.queue-url")
public class EventsFactory {

  /** The SQS client, for the real service or {@code tollgate.sqs.endpoint} (ElasticMQ locally). */
  @Singleton
  @Requires(missingBeans = SqsClient.class)
  SqsClient sqs(
      @Property(name = "tollgate.sqs.endpoint") Optional<String> endpoint,
      @Property(name = "tollgate.aws.region") Optional<String> region) {
    return AwsClients.sqs(endpoint, region);
  }

  @Singleton
  EventQueue eventQueue(SqsClient sqs, @Property(name = "tollgate.events.queue-url") String url) {
    return new SqsEventQueue(sqs, url);
  }

  @Singleton
  WatchCursor watchCursor(DynamoDbClient dynamo, TableNames tables) {
    return new DynamoDbWatchCursor(dynamo, tables);
  }

  /** The chain's logs as the gateway (alice, the signer's address) sees them. */
  @Singleton
  ChainLogs chainLogs(Web3j web3j, GatewayNetwork network, Signer signer) {
    return new Web3jChainLogs(web3j, network.context().channelFactoryAddress(), signer.address());
  }

  @Singleton
  WatcherSettings watcherSettings(
      GatewayNetwork network,
      @Value("${tollgate.watcher.confirmations:" + WatcherSettings.DEFAULT_CONFIRMATIONS + "}")
          long confirmations,
      @Value(
              "${tollgate.watcher.max-blocks-per-range:"
                  + WatcherSettings.DEFAULT_MAX_BLOCKS_PER_RANGE
                  + "}")
          long maxBlocksPerRange,
      @Value(
              "${tollgate.watcher.max-ranges-per-run:"
                  + WatcherSettings.DEFAULT_MAX_RANGES_PER_RUN
                  + "}")
          int maxRangesPerRun,
      @Value("${tollgate.watcher.start-block:" + WatcherSettings.DEFAULT_START_BLOCK + "}")
          long startBlock) {
    try {
      return new WatcherSettings(
          confirmations, maxBlocksPerRange, maxRangesPerRun, startBlock, network.acceptedAssets());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tollgate.watcher: " + e.getMessage(), e);
    }
  }

  @Singleton
  ChainWatcher chainWatcher(
      ChainLogs logs,
      KnownChannels channels,
      EventQueue queue,
      WatchCursor cursor,
      WatcherSettings settings) {
    return new ChainWatcher(logs, channels, queue, cursor, settings);
  }
}

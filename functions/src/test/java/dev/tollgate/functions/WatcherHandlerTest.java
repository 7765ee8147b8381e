package dev.tollgate.functions;

import static dev.tollgate.functions.harness.QueueMessages.drain;
import static dev.tollgate.functions.harness.QueueMessages.groupId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.emulators.ElasticMq;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbFundedChannels;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.adapter.sqs.EventQueues;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.ChainEventJson;
import dev.tollgate.functions.events.WatchReport;
import dev.tollgate.functions.events.WatcherHandler;
import dev.tollgate.functions.harness.GatewayStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The scheduled watcher Lambda, wired from configuration as deployed, on the local stack. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatcherHandlerTest {
  private static final long CONFIRMATIONS = 2;

  private GatewayStack stack;
  private ElasticMq mq;
  private SqsClient sqs;

  @BeforeAll
  void start() throws Exception {
    stack = GatewayStack.start();
    mq = ElasticMq.start();
    sqs = mq.client();
  }

  @AfterAll
  void stop() {
    try {
      if (sqs != null) {
        sqs.close();
      }
      if (mq != null) {
        mq.close();
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
    }
  }

  private Map<String, Object> properties(String queueUrl, long startBlock) {
    Map<String, Object> properties = new HashMap<>(stack.properties());
    properties.put("tollgate.sqs.endpoint", mq.endpoint().toString());
    properties.put("tollgate.events.queue-url", queueUrl);
    properties.put("tollgate.watcher.confirmations", CONFIRMATIONS);
    properties.put("tollgate.watcher.start-block", startBlock);
    return properties;
  }

  @Test
  void aScheduledRunPublishesAConfirmedDepositAndLogsItsReportAsOneJsonLine() throws Exception {
    String queueUrl = EventQueues.createIfMissing(sqs, "handler-events", 3).queue();
    long startBlock = head() + 1;
    try (ApplicationContext context =
        new LambdaApplicationContextBuilder()
            .properties(properties(queueUrl, startBlock))
            .build()) {
      WatcherHandler handler = new WatcherHandler(context);
      Address channel = knownChannel();
      BigInteger amount = BigInteger.valueOf(31_337);
      stack.fund(channel, amount);
      long depositBlock = head();
      while (head() < depositBlock + CONFIRMATIONS) {
        stack.anvil().mine();
      }

      WatchReport report;
      List<JsonNode> lines;
      try (JsonLogCapture logs = JsonLogCapture.start()) {
        report = handler.handleRequest(new ScheduledEvent(), LambdaInvoker.testContext());
        lines =
            logs.lines().stream()
                .map(JsonLogCapture::parse)
                .filter(e -> "tollgate.watcher".equals(e.path("logger").asText()))
                .toList();
      }

      assertThat(report.fromBlock()).isEqualTo(startBlock);
      assertThat(report.toBlock()).isEqualTo(depositBlock);
      assertThat(report.eventsPublished()).isEqualTo(1);
      assertThat(report.caughtUp()).isTrue();
      assertThat(lines).hasSize(1);
      JsonNode line = lines.get(0);
      assertThat(line.path("level").asText()).isEqualTo("INFO");
      assertThat(line.path("action").asText()).isEqualTo("watch");
      assertThat(line.path("fromBlock").asLong()).isEqualTo(report.fromBlock());
      assertThat(line.path("toBlock").asLong()).isEqualTo(report.toBlock());
      assertThat(line.path("headBlock").asLong()).isEqualTo(report.headBlock());
      assertThat(line.path("safeBlock").asLong()).isEqualTo(report.safeBlock());
      assertThat(line.path("eventsPublished").asInt()).isEqualTo(1);
      assertThat(line.path("ranges").asInt()).isEqualTo(report.ranges());
      assertThat(line.path("caughtUp").asBoolean()).isTrue();

      List<Message> delivered = drain(sqs, queueUrl);
      assertThat(delivered).hasSize(1);
      assertThat(groupId(delivered.get(0))).isEqualTo(channel.toChecksumHex());
      assertThat(ChainEventJson.read(delivered.get(0).body()))
          .isInstanceOfSatisfying(
              ChainEvent.TokenDeposited.class,
              d -> {
                assertThat(d.channel()).isEqualTo(channel);
                assertThat(d.from()).as("minted into the channel").isEqualTo(Address.ZERO);
                assertThat(d.amount()).isEqualTo(Uint256.of(amount));
              });

      WatchReport idle = handler.handleRequest(new ScheduledEvent(), LambdaInvoker.testContext());
      assertThat(idle.ranges()).isZero();
      assertThat(idle.fromBlock()).isEqualTo(depositBlock + 1);
      assertThat(drain(sqs, queueUrl)).isEmpty();
    }
  }

  @Test
  void aBadWatcherSettingStopsTheFunctionAtInitNamingIt() {
    Map<String, Object> properties = properties("http://127.0.0.1:1/000000000000/x.fifo", 0);
    properties.put("tollgate.watcher.confirmations", -1);

    assertThatThrownBy(
            () -> {
              try (ApplicationContext context =
                  new LambdaApplicationContextBuilder().properties(properties).build()) {
                new WatcherHandler(context);
              }
            })
        .hasStackTraceContaining("tollgate.watcher: confirmations must not be negative, got -1");
  }

  @Test
  void aStandardQueueIsRefusedAtInit() {
    String standard = sqs.createQueue(b -> b.queueName("handler-standard")).queueUrl();

    assertThatThrownBy(
            () -> {
              try (ApplicationContext context =
                  new LambdaApplicationContextBuilder()
                      .properties(properties(standard, 0))
                      .build()) {
                new WatcherHandler(context);
              }
            })
        .hasStackTraceContaining("the event queue must be a FIFO queue");
  }

  private long head() throws Exception {
    return stack.anvil().web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  /** A payer's channel with the stack's gateway, listed in the gateway's channels table. */
  private Address knownChannel() {
    Address gateway = LocalKeySigner.fromHex(GatewayStack.GATEWAY_KEY).address();
    Address payer = Address.fromHex(DevAccounts.account(5).getAddress());
    Address channel = stack.deployment().channelAddress(gateway, payer);
    stack
        .dynamoClient()
        .putItem(
            b ->
                b.tableName(stack.properties().get("tollgate.tables.prefix") + "channels")
                    .item(Map.of("channelAddress", AttributeValue.fromS(channel.toChecksumHex()))));
    new DynamoDbFundedChannels(
            stack.dynamoClient(),
            TableNames.withPrefix((String) stack.properties().get("tollgate.tables.prefix")))
        .funded(channel);
    return channel;
  }
}

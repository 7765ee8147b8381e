package dev.tollgate.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.harness.EventsStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.QueueMessages;
import dev.tollgate.functions.harness.StoredTables;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** Chain events delivered more than once, or not at all decodable: nothing is credited twice. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventDeliveryTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(9_000);

  /** A message cut short: never decodable, however often it is received. */
  private static final String POISON = "{\"type\":\"TokenDeposited\",\"origin\":";

  private EventsStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = EventsStack.start(Map.of());
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * A channel the payer funded and had credited: only a funded channel is watched, so only its
   * deposit log reaches the queue.
   */
  private HttpPayer openedAndFunded() throws Exception {
    HttpPayer payer = HttpPayer.newPayer(stack.gateway());
    assertThat(payer.open().status()).isEqualTo(201);
    stack.gateway().fund(payer.channel(), DEPOSIT);
    stack.confirm();
    assertThat(payer.reconcile(DEPOSIT).status()).isEqualTo(200);
    return payer;
  }

  private void send(String body, String group, String deduplicationId) {
    stack
        .sqs()
        .sendMessage(
            r ->
                r.queueUrl(stack.queues().queue())
                    .messageBody(body)
                    .messageGroupId(group)
                    .messageDeduplicationId(deduplicationId));
  }

  @Test
  void theSameEventDeliveredAgainAndTheWatcherReRunOverItsRangeChangeNothing() throws Exception {
    stack.confirmWatchAndProcess();
    HttpPayer payer = openedAndFunded();
    stack.confirmWatchAndProcess();
    StoredTables tables = StoredTables.of(stack.gateway());
    StoredTables.Snapshot before = tables.snapshot();

    long head = stack.anvil().web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    List<ChainEvent> seen =
        stack
            .context()
            .getBean(ChainLogs.class)
            .events(0, head, Set.of(payer.channel()), Set.of(stack.gateway().token()));
    assertThat(seen).hasSize(1);
    send(
        ChainEventJson.write(seen.get(0)),
        payer.channel().toChecksumHex(),
        "after-the-deduplication-window");
    EventsStack.Processed again = stack.process();
    stack
        .gateway()
        .dynamoClient()
        .deleteItem(
            r ->
                r.tableName(stack.gateway().properties().get("tollgate.tables.prefix") + "chain")
                    .key(
                        Map.of(
                            "pk", AttributeValue.fromS("cursor"),
                            "sk", AttributeValue.fromS("watcher"))));
    WatchReport reRun = stack.watch();
    EventsStack.Processed afterReRun = stack.process();

    assertThat(again).isEqualTo(new EventsStack.Processed(1, 0));
    assertThat(reRun.fromBlock()).isZero();
    assertThat(reRun.eventsPublished()).isPositive();
    assertThat(afterReRun.handled()).isZero();
    assertThat(tables.snapshot()).isEqualTo(before);
  }

  @Test
  void aPoisonMessageEndsInTheDeadLetterQueueAndTheRestOfItsBatchIsProcessed() throws Exception {
    stack.confirmWatchAndProcess();
    HttpPayer behindPoison = openedAndFunded();
    HttpPayer elsewhere = openedAndFunded();
    Address poisoned = behindPoison.channel();
    send(POISON, poisoned.toChecksumHex(), "poison-1");

    stack.confirm();
    assertThat(stack.watch().eventsPublished()).isEqualTo(2);
    EventsStack.Processed processed = stack.process();
    List<Message> deadLetters = QueueMessages.drain(stack.sqs(), stack.queues().deadLetters());

    assertThat(processed.handled()).isEqualTo(2);
    assertThat(processed.failed()).isGreaterThanOrEqualTo(EventsStack.MAX_RECEIVES);
    assertThat(deadLetters).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(POISON));
    ProcessedEvents records = stack.context().getBean(ProcessedEvents.class);
    for (HttpPayer payer : List.of(behindPoison, elsewhere)) {
      assertThat(records.history(payer.channel(), 10))
          .singleElement()
          .satisfies(p -> assertThat(p.type()).isEqualTo("TokenDeposited"));
    }
  }
}

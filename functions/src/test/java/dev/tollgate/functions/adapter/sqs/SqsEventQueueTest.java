package dev.tollgate.functions.adapter.sqs;

import static dev.tollgate.functions.harness.QueueMessages.deduplicationId;
import static dev.tollgate.functions.harness.QueueMessages.drain;
import static dev.tollgate.functions.harness.QueueMessages.groupId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.emulators.ElasticMq;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.ChainEventJson;
import dev.tollgate.functions.events.EventOrigin;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Publishing chain events to a FIFO queue in ElasticMQ. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsEventQueueTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Address TOKEN = address();
  // Stands in for the processor's wire format: names the event, so a delivery can be matched.
  private static final Function<ChainEvent, String> BODY = e -> "event " + e.origin().eventId();

  private ElasticMq mq;
  private SqsClient sqs;
  private int queues;

  @BeforeAll
  void start() {
    mq = ElasticMq.start();
    sqs = mq.client();
  }

  @AfterAll
  void stop() {
    if (sqs != null) {
      sqs.close();
    }
    if (mq != null) {
      mq.close();
    }
  }

  private String freshQueue() {
    return EventQueues.createIfMissing(sqs, "publish" + ++queues, 5).queue();
  }

  @Test
  void everyEventIsDeliveredOnceGroupedByChannelInChainOrderInBatchesOfTen() {
    String url = freshQueue();
    List<Address> channels = List.of(address(), address(), address());
    List<ChainEvent> events = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      events.add(deposit(channels.get(i % 3), 100 + i, i));
    }
    BatchCounting counting = new BatchCounting(sqs);

    new SqsEventQueue(counting, url, BODY).publish(events);

    assertThat(counting.batchSizes).containsExactly(10, 10, 3);
    List<Message> delivered = drain(sqs, url);
    assertThat(delivered).hasSize(23);
    Map<String, ChainEvent> byBody = events.stream().collect(Collectors.toMap(BODY, e -> e));
    for (Message message : delivered) {
      ChainEvent event = byBody.get(message.body());
      assertThat(event).as("delivered %s", message.body()).isNotNull();
      assertThat(groupId(message)).isEqualTo(event.channel().toChecksumHex());
      assertThat(deduplicationId(message)).isEqualTo(event.origin().eventId());
    }
    for (Address channel : channels) {
      assertThat(
              delivered.stream()
                  .filter(m -> groupId(m).equals(channel.toChecksumHex()))
                  .map(Message::body)
                  .toList())
          .as("channel %s in chain order", channel)
          .containsExactlyElementsOf(
              events.stream().filter(e -> e.channel().equals(channel)).map(BODY).toList());
    }
  }

  @Test
  void aBodyIsTheEventInTheProcessorsJson() {
    String url = freshQueue();
    ChainEvent event = deposit(address(), 42, 3);

    new SqsEventQueue(sqs, url).publish(List.of(event));

    List<Message> delivered = drain(sqs, url);
    assertThat(delivered).hasSize(1);
    assertThat(ChainEventJson.read(delivered.get(0).body())).isEqualTo(event);
  }

  @Test
  void theSameEventsPublishedAgainAreNotDeliveredAgain() {
    String url = freshQueue();
    List<ChainEvent> events = List.of(deposit(address(), 7, 1), deposit(address(), 8, 2));
    SqsEventQueue queue = new SqsEventQueue(sqs, url, BODY);

    queue.publish(events);
    assertThat(drain(sqs, url)).hasSize(2);
    queue.publish(events);

    assertThat(drain(sqs, url)).as("within the deduplication window").isEmpty();
  }

  @Test
  void aPartlyRefusedBatchNamesTheRefusedEventsAndSendsNoLaterBatch() {
    String url = freshQueue();
    List<ChainEvent> events = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      events.add(deposit(address(), 200 + i, 0));
    }
    ChainEvent refused = events.get(3);
    // SQS refuses a body holding a character outside XML's: a stand-in for any per-entry failure.
    Function<ChainEvent, String> bodies = e -> e == refused ? "bad \u0000 body" : BODY.apply(e);

    assertThatThrownBy(() -> new SqsEventQueue(sqs, url, bodies).publish(events))
        .isInstanceOfSatisfying(
            EventsNotPublishedException.class,
            e -> assertThat(e.failedEventIds()).containsExactly(refused.origin().eventId()))
        .hasMessageContaining(refused.origin().eventId());

    List<String> delivered = drain(sqs, url).stream().map(Message::body).toList();
    List<String> restOfFirstBatch = new ArrayList<>();
    for (ChainEvent event : events.subList(0, 10)) {
      if (event != refused) {
        restOfFirstBatch.add(BODY.apply(event));
      }
    }
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(restOfFirstBatch);
  }

  @Test
  void largeBodiesSplitBatchesUnderTheRequestSizeLimit() {
    String url = freshQueue();
    String padding = "x".repeat(100 * 1024);
    List<ChainEvent> events =
        List.of(deposit(address(), 1, 0), deposit(address(), 2, 0), deposit(address(), 3, 0));
    BatchCounting counting = new BatchCounting(sqs);

    new SqsEventQueue(counting, url, e -> BODY.apply(e) + padding).publish(events);

    assertThat(counting.batchSizes).containsExactly(2, 1);
    assertThat(drain(sqs, url)).hasSize(3);
  }

  @Test
  void nothingToPublishSendsNothing() {
    BatchCounting counting = new BatchCounting(sqs);
    new SqsEventQueue(counting, freshQueue(), BODY).publish(List.of());
    assertThat(counting.batchSizes).isEmpty();
  }

  @Test
  void aBodyOverTheLimitIsRefusedByName() {
    ChainEvent event = deposit(address(), 1, 0);
    SqsEventQueue queue =
        new SqsEventQueue(sqs, freshQueue(), e -> "x".repeat(SqsEventQueue.MAX_BATCH_BYTES + 1));
    assertThatThrownBy(() -> queue.publish(List.of(event)))
        .hasMessageContaining(event.origin().eventId())
        .hasMessageContaining("262145 bytes");
  }

  @Test
  void aStandardQueueIsRefused() {
    String standard = sqs.createQueue(b -> b.queueName("standard")).queueUrl();
    assertThatThrownBy(() -> new SqsEventQueue(sqs, standard, BODY))
        .hasMessageContaining("must be a FIFO queue")
        .hasMessageContaining(standard);
  }

  private static ChainEvent deposit(Address channel, long block, long logIndex) {
    return new ChainEvent.TokenDeposited(
        new EventOrigin(random32(), logIndex, block, random32()),
        channel,
        TOKEN,
        address(),
        Uint256.of(1_000 + block));
  }

  private static Address address() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return Address.of(bytes);
  }

  private static Bytes32 random32() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Bytes32.of(bytes);
  }

  /** The real client, counting each batch's entries. */
  private static final class BatchCounting implements SqsClient {
    private final SqsClient delegate;
    final List<Integer> batchSizes = new ArrayList<>();

    BatchCounting(SqsClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
      batchSizes.add(request.entries().size());
      return delegate.sendMessageBatch(request);
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {}
  }
}

package dev.tollgate.functions.adapter.sqs;

import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.ChainEventJson;
import dev.tollgate.functions.events.EventQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Publishes chain events to the FIFO event queue: each event's message group is its channel (one
 * channel's events are processed one at a time, in chain order) and its deduplication id its log
 * ({@code txHash:logIndex}), so a log read twice within SQS's deduplication window is delivered
 * once. Events go in batches of up to ten, in the order given; a batch SQS partly refuses ends the
 * publish with an {@link EventsNotPublishedException} naming the refused events.
 */
public final class SqsEventQueue implements EventQueue {
  static final int MAX_BATCH_ENTRIES = 10;
  // SQS's limit for one batch request, all bodies together (and for a single message).
  static final int MAX_BATCH_BYTES = 256 * 1024;

  private final SqsClient sqs;
  private final String queueUrl;
  private final Function<ChainEvent, String> bodies;

  /** Each message's body is the event in {@link ChainEventJson}, the processor's wire format. */
  public SqsEventQueue(SqsClient sqs, String queueUrl) {
    this(sqs, queueUrl, ChainEventJson::write);
  }

  /** With {@code bodies} writing each message's body: a test's stand-in for a failing writer. */
  SqsEventQueue(SqsClient sqs, String queueUrl, Function<ChainEvent, String> bodies) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    this.bodies = Objects.requireNonNull(bodies, "bodies");
    if (!queueUrl.endsWith(EventQueues.FIFO)) {
      throw new IllegalArgumentException(
          "the event queue must be a FIFO queue (its URL ends in .fifo), got " + queueUrl);
    }
  }

  @Override
  public void publish(List<ChainEvent> events) {
    List<Message> batch = new ArrayList<>();
    int batchBytes = 0;
    for (ChainEvent event : events) {
      Message message = message(event);
      if (batch.size() == MAX_BATCH_ENTRIES || batchBytes + message.bytes() > MAX_BATCH_BYTES) {
        send(batch);
        batch.clear();
        batchBytes = 0;
      }
      batch.add(message);
      batchBytes += message.bytes();
    }
    if (!batch.isEmpty()) {
      send(batch);
    }
  }

  private record Message(String eventId, String channel, String body, int bytes) {}

  private Message message(ChainEvent event) {
    Objects.requireNonNull(event, "event");
    String body = bodies.apply(event);
    int bytes = body.getBytes(StandardCharsets.UTF_8).length;
    String eventId = event.origin().eventId();
    if (bytes > MAX_BATCH_BYTES) {
      throw new IllegalArgumentException(
          "event " + eventId + " is " + bytes + " bytes, over SQS's " + MAX_BATCH_BYTES);
    }
    return new Message(eventId, event.channel().toChecksumHex(), body, bytes);
  }

  private void send(List<Message> batch) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Message message = batch.get(i);
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .messageGroupId(message.channel())
              .messageDeduplicationId(message.eventId())
              .messageBody(message.body())
              .build());
    }
    SendMessageBatchResponse response =
        sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
    Set<String> sent =
        response.successful().stream()
            .map(SendMessageBatchResultEntry::id)
            .collect(Collectors.toCollection(HashSet::new));
    Map<String, BatchResultErrorEntry> errors =
        response.failed().stream()
            .collect(Collectors.toMap(BatchResultErrorEntry::id, e -> e, (a, b) -> a));
    List<String> failedIds = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      String id = Integer.toString(i);
      if (!sent.contains(id)) {
        failedIds.add(batch.get(i).eventId());
        BatchResultErrorEntry error = errors.get(id);
        details.add(
            error == null
                ? "no result returned"
                : error.code() + (error.message() == null ? "" : ": " + error.message()));
      }
    }
    if (!failedIds.isEmpty()) {
      throw new EventsNotPublishedException(failedIds, String.join("; ", details));
    }
  }
}

package dev.tollgate.functions.events;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Hands an SQS queue's messages to the processor as Lambda's event source mapping does, where there
 * is no Lambda: the local stack and the tests. A batch of up to 10 becomes one {@link SQSEvent};
 * the messages the processor reports as failed become visible again at once (and reach the
 * dead-letter queue after the queue's receive limit), the others are deleted.
 */
public final class QueueDelivery {
  private static final int MAX_BATCH = 10;

  private final SqsClient sqs;
  private final String queueUrl;
  private final Function<SQSEvent, SQSBatchResponse> processor;

  public QueueDelivery(
      SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> processor) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    this.processor = Objects.requireNonNull(processor, "processor");
  }

  /** What one batch did: messages received, handled (deleted) and failed (made visible again). */
  public record Delivered(int received, int handled, int failed) {}

  /**
   * Receives one batch, waiting up to {@code waitSeconds} (0 to 20) for a message, and delivers it.
   * An empty receive delivers nothing.
   */
  public Delivered deliverOnce(int waitSeconds) {
    if (waitSeconds < 0 || waitSeconds > 20) {
      throw new IllegalArgumentException("waitSeconds must be 0..20, got " + waitSeconds);
    }
    List<Message> messages =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(queueUrl)
                        .maxNumberOfMessages(MAX_BATCH)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    if (messages.isEmpty()) {
      return new Delivered(0, 0, 0);
    }
    SQSBatchResponse response = processor.apply(batch(messages));
    Set<String> failedIds = new HashSet<>();
    response.getBatchItemFailures().forEach(f -> failedIds.add(f.getItemIdentifier()));
    int handled = 0;
    for (Message m : messages) {
      if (failedIds.contains(m.messageId())) {
        sqs.changeMessageVisibility(
            r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
      } else {
        handled++;
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return new Delivered(messages.size(), handled, messages.size() - handled);
  }

  private static SQSEvent batch(List<Message> messages) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message m : messages) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId(m.messageId());
      record.setReceiptHandle(m.receiptHandle());
      record.setBody(m.body());
      Map<String, String> attributes = new HashMap<>();
      m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
      record.setAttributes(attributes);
      records.add(record);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }
}

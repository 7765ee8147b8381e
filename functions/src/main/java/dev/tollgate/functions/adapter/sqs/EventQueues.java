package dev.tollgate.functions.adapter.sqs;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the chain-event queues where nothing else does (the local stack, tests); in AWS the CDK
 * app owns them and must give them the same shape: both FIFO, deduplicated by the id the watcher
 * sets (never by content: two identical logs in one transaction are two events), and a message that
 * fails {@code maxReceiveCount} times moved to the dead-letter queue instead of blocking its
 * channel's group forever.
 */
public final class EventQueues {
  static final String FIFO = ".fifo";
  static final String DEAD_LETTER = "-dlq";
  // SQS allows 80 characters in a queue name, the dead-letter suffix included.
  private static final int MAX_NAME = 80 - DEAD_LETTER.length() - FIFO.length();
  private static final int MAX_RECEIVE_COUNT = 1_000;
  // The longest SQS keeps a message: a dead letter waits for a person.
  private static final String FOURTEEN_DAYS = Integer.toString(14 * 24 * 3600);

  private EventQueues() {}

  /**
   * Creates {@code <name>-dlq.fifo} and {@code <name>.fifo}, or finds them; creating again with the
   * same attributes is a no-op in SQS.
   */
  public static EventQueueUrls createIfMissing(SqsClient sqs, String name, int maxReceiveCount) {
    if (name == null || !name.matches("[A-Za-z0-9_-]{1," + MAX_NAME + "}")) {
      throw new IllegalArgumentException(
          "a queue name is 1 to "
              + MAX_NAME
              + " letters, digits, '-' or '_' (the suffixes are added), got '"
              + name
              + "'");
    }
    if (maxReceiveCount < 1 || maxReceiveCount > MAX_RECEIVE_COUNT) {
      throw new IllegalArgumentException(
          "maxReceiveCount must be in [1, " + MAX_RECEIVE_COUNT + "], got " + maxReceiveCount);
    }
    String deadLetters =
        create(
            sqs,
            name + DEAD_LETTER + FIFO,
            Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, FOURTEEN_DAYS));
    String deadLetterArn =
        sqs.getQueueAttributes(
                b -> b.queueUrl(deadLetters).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String queue =
        create(
            sqs,
            name + FIFO,
            Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\""
                    + deadLetterArn
                    + "\",\"maxReceiveCount\":"
                    + maxReceiveCount
                    + "}"));
    return new EventQueueUrls(queue, deadLetters);
  }

  private static String create(
      SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
    Map<QueueAttributeName, String> all = new HashMap<>(attributes);
    all.put(QueueAttributeName.FIFO_QUEUE, "true");
    all.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
    return sqs.createQueue(b -> b.queueName(name).attributes(all)).queueUrl();
  }
}

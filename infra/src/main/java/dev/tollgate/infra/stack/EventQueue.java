package dev.tollgate.infra.stack;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The FIFO queue from the watcher to the processor, shaped as the functions' {@code
 * EventQueues.createIfMissing} shapes it locally: message group = channel, deduplication by the
 * watcher's event id (never by content), and a FIFO dead-letter queue that keeps a message for 14
 * days, for a person to look at.
 */
public final class EventQueue extends Construct {
  /** Receives before a message that keeps failing moves to the dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 10;

  private final Queue queue;
  private final Queue deadLetters;

  public EventQueue(Construct scope, String id, String namePrefix, int processorTimeoutSeconds) {
    super(scope, id);
    deadLetters =
        Queue.Builder.create(this, "DeadLetters")
            .queueName(namePrefix + "events-dlq.fifo")
            .fifo(true)
            .contentBasedDeduplication(false)
            .retentionPeriod(Duration.days(14))
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .build();
    queue =
        Queue.Builder.create(this, "Queue")
            .queueName(namePrefix + "events.fifo")
            .fifo(true)
            .contentBasedDeduplication(false)
            .retentionPeriod(Duration.days(14))
            // Lambda's advice for an event source: six times the function's timeout, so that a
            // batch being retried by the poller is not handed out again meanwhile.
            .visibilityTimeout(Duration.seconds(6L * processorTimeoutSeconds))
            .deadLetterQueue(
                DeadLetterQueue.builder()
                    .queue(deadLetters)
                    .maxReceiveCount(MAX_RECEIVE_COUNT)
                    .build())
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .build();
  }

  public Queue queue() {
    return queue;
  }

  public Queue deadLetters() {
    return deadLetters;
  }
}

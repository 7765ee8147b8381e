package dev.tollgate.functions.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.emulators.ElasticMq;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The event queues' shape in ElasticMQ: FIFO both, and a message moved aside after N receives. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventQueuesTest {
  private ElasticMq mq;
  private SqsClient sqs;

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

  private Map<QueueAttributeName, String> attributes(String url) {
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
        .attributes();
  }

  @Test
  void createsTwoFifoQueuesTheFirstRedrivingToTheSecond() {
    EventQueueUrls urls = EventQueues.createIfMissing(sqs, "shape-events", 4);

    assertThat(urls.queue()).endsWith("/shape-events.fifo");
    assertThat(urls.deadLetters()).endsWith("/shape-events-dlq.fifo");
    Map<QueueAttributeName, String> queue = attributes(urls.queue());
    Map<QueueAttributeName, String> deadLetters = attributes(urls.deadLetters());
    assertThat(queue.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
    assertThat(deadLetters.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
    assertThat(queue.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION)).isEqualTo("false");
    assertThat(deadLetters.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION)).isEqualTo("false");
    assertThat(queue.get(QueueAttributeName.REDRIVE_POLICY))
        .contains(deadLetters.get(QueueAttributeName.QUEUE_ARN))
        .containsPattern("\"maxReceiveCount\"\\s*:\\s*\"?4\"?");
  }

  @Test
  void creatingAgainFindsTheSameQueues() {
    EventQueueUrls first = EventQueues.createIfMissing(sqs, "again-events", 3);
    EventQueueUrls second = EventQueues.createIfMissing(sqs, "again-events", 3);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aMessageReceivedMaxReceiveCountTimesWithoutDeletionMovesToTheDeadLetterQueue() {
    int maxReceiveCount = 3;
    EventQueueUrls urls = EventQueues.createIfMissing(sqs, "redrive-events", maxReceiveCount);
    sqs.sendMessage(
        b ->
            b.queueUrl(urls.queue())
                .messageBody("poison")
                .messageGroupId("channel-a")
                .messageDeduplicationId("0xabc:0"));

    for (int receive = 1; receive <= maxReceiveCount; receive++) {
      List<Message> got = receiveOnce(urls.queue());
      assertThat(got).as("receive %d", receive).extracting(Message::body).containsExactly("poison");
      assertThat(got.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
          .isEqualTo(Integer.toString(receive));
    }

    assertThat(receiveOnce(urls.queue())).as("moved out of the queue").isEmpty();
    List<Message> dead = pollUntilAny(urls.deadLetters(), Duration.ofSeconds(10));
    assertThat(dead).extracting(Message::body).containsExactly("poison");
    assertThat(dead.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
        .isEqualTo("channel-a");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> EventQueues.createIfMissing(sqs, "events.fifo", 3))
        .hasMessageContaining("'events.fifo'");
    assertThatThrownBy(() -> EventQueues.createIfMissing(sqs, "x".repeat(72), 3))
        .hasMessageContaining("1 to 71");
    assertThatThrownBy(() -> EventQueues.createIfMissing(sqs, "events", 0))
        .hasMessage("maxReceiveCount must be in [1, 1000], got 0");
  }

  /** One receive that makes the message visible again at once, so the next receive counts. */
  private List<Message> receiveOnce(String url) {
    return sqs.receiveMessage(
            b ->
                b.queueUrl(url)
                    .visibilityTimeout(0)
                    .maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages();
  }

  private List<Message> pollUntilAny(String url, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      List<Message> got =
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(url)
                          .waitTimeSeconds(1)
                          .maxNumberOfMessages(10)
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (!got.isEmpty()) {
        return got;
      }
    }
    return List.of();
  }
}

package dev.tollgate.functions.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Reads a queue empty, as a consumer would: receive, delete, until a long poll finds nothing. */
public final class QueueMessages {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private QueueMessages() {}

  /**
   * Every message now in the queue, in the order received, each deleted once received (a FIFO queue
   * holds back a group's later messages until its earlier one is deleted). Carries the system
   * attributes: group, deduplication id, receive count.
   */
  public static List<Message> drain(SqsClient sqs, String queueUrl) {
    List<Message> all = new ArrayList<>();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            queueUrl + " still had messages after " + LIMIT + "; read " + all.size());
      }
      List<Message> got =
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(queueUrl)
                          .waitTimeSeconds(1)
                          .maxNumberOfMessages(10)
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (got.isEmpty()) {
        return all;
      }
      for (Message message : got) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        all.add(message);
      }
    }
  }

  public static String groupId(Message message) {
    return message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
  }

  public static String deduplicationId(Message message) {
    return message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
  }
}

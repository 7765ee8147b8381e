package dev.tollgate.functions.events;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes an SQS batch and reports the messages that failed, so only those are delivered again
 * (and reach the dead-letter queue after the queue's receive limit). Within one message group, a
 * failure fails every later message of that group too: a channel's events must be handled in chain
 * order. Other groups go on. A message that cannot even be read fails alone: it carries no event to
 * keep in order, and holding its group back would send the group's good events to the dead-letter
 * queue with it.
 */
public final class EventBatch {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.events");
  static final String GROUP_ATTRIBUTE = "MessageGroupId";

  private final Function<ChainEvent, String> processor;

  public EventBatch(EventProcessor processor) {
    this(processor::process);
  }

  /** Over any handler that returns what it did or throws: a unit test's stand-in. */
  EventBatch(Function<ChainEvent, String> processor) {
    this.processor = processor;
  }

  public SQSBatchResponse process(SQSEvent batch) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    Set<String> failedGroups = new HashSet<>();
    List<SQSEvent.SQSMessage> messages =
        batch.getRecords() == null ? List.of() : batch.getRecords();
    for (SQSEvent.SQSMessage message : messages) {
      String group = group(message);
      if (failedGroups.contains(group)) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        continue;
      }
      ChainEvent event;
      try {
        event = ChainEventJson.read(message.getBody());
      } catch (IllegalArgumentException unreadable) {
        // Nothing in it can be ordered against the group's other events: it alone fails, until
        // the queue moves it to the dead-letter queue.
        LOG.error(
            "event unreadable: {}",
            unreadable.getMessage(),
            kv("action", "event_unreadable"),
            kv("messageId", message.getMessageId()),
            kv("messageGroupId", group),
            kv("error", unreadable.getMessage()));
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        continue;
      }
      try {
        String outcome = processor.apply(event);
        LOG.info(
            "event processed",
            kv("action", "event_processed"),
            kv("channelAddress", event.channel().toChecksumHex()),
            kv("eventType", event.getClass().getSimpleName()),
            kv("eventId", event.origin().eventId()),
            kv("outcome", outcome));
      } catch (RuntimeException e) {
        LOG.warn(
            "event failed: {}",
            e.getMessage(),
            kv("action", "event_failed"),
            kv("messageId", message.getMessageId()),
            kv("messageGroupId", group),
            kv("error", e.toString()));
        failedGroups.add(group);
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  private static String group(SQSEvent.SQSMessage message) {
    Map<String, String> attributes = message.getAttributes();
    String group = attributes == null ? null : attributes.get(GROUP_ATTRIBUTE);
    // Without a group (a standard queue) each message stands alone.
    return group == null ? "message:" + message.getMessageId() : group;
  }
}

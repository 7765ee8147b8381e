package dev.tollgate.functions.adapter.sqs;

import java.util.List;

/**
 * SQS refused some events of a batch. The watcher must not move its cursor past them; the events of
 * the batch that were accepted are sent again next time and dropped by the queue's deduplication
 * (or, after its five-minute window, by the processor's idempotency).
 */
public final class EventsNotPublishedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> failedEventIds;

  public EventsNotPublishedException(List<String> failedEventIds, String details) {
    super(
        "SQS refused "
            + failedEventIds.size()
            + " event(s): "
            + String.join(", ", failedEventIds)
            + " ("
            + details
            + ")");
    this.failedEventIds = List.copyOf(failedEventIds);
  }

  /** The refused events' {@code txHash:logIndex}. */
  public List<String> failedEventIds() {
    return failedEventIds;
  }
}

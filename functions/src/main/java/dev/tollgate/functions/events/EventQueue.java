package dev.tollgate.functions.events;

import java.util.List;

/**
 * Where the watcher hands events to the processor: a FIFO queue grouped by channel address and
 * deduplicated by {@link EventOrigin#eventId()}, so one channel's events are handled in order and a
 * re-read log is delivered once.
 */
public interface EventQueue {
  void publish(List<ChainEvent> events);
}

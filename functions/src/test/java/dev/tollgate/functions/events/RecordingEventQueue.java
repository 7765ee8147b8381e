package dev.tollgate.functions.events;

import java.util.ArrayList;
import java.util.List;

/** Keeps what is published; told to, refuses the next publish. */
final class RecordingEventQueue implements EventQueue {
  private final List<List<ChainEvent>> batches = new ArrayList<>();
  private int refusals;

  synchronized void refuseNext(int times) {
    refusals = times;
  }

  synchronized List<List<ChainEvent>> batches() {
    return List.copyOf(batches);
  }

  synchronized List<ChainEvent> published() {
    return batches.stream().flatMap(List::stream).toList();
  }

  @Override
  public synchronized void publish(List<ChainEvent> events) {
    if (refusals > 0) {
      refusals--;
      throw new IllegalStateException("queue unavailable");
    }
    batches.add(List.copyOf(events));
  }
}

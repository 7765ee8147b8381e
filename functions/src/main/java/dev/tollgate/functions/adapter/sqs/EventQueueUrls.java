package dev.tollgate.functions.adapter.sqs;

import java.util.Objects;

/** The event queue and the dead-letter queue its failed messages move to. */
public record EventQueueUrls(String queue, String deadLetters) {
  public EventQueueUrls {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(deadLetters, "deadLetters");
  }
}

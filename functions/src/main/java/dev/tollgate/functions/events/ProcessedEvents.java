package dev.tollgate.functions.events;

import java.util.List;

/**
 * The processor's record of events it has handled, per channel in chain order: a redelivered event
 * is recognised and skipped, and an operator can read a channel's on-chain history.
 */
public interface ProcessedEvents {
  boolean isProcessed(ChainEvent event);

  /** Records {@code event} as handled with a short description of what was done. */
  void markProcessed(ChainEvent event, String outcome);

  /** A channel's processed events, oldest first, at most {@code limit}. */
  List<Processed> history(dev.tollgate.core.value.Address channel, int limit);

  record Processed(String type, EventOrigin origin, String outcome, long processedAt) {}
}

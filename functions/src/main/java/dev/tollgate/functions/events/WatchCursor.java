package dev.tollgate.functions.events;

import java.util.OptionalLong;

/**
 * The last block the watcher has published every event of. It only moves forward, and only from the
 * block the mover read: two watchers that read the same cursor cannot both advance it.
 */
public interface WatchCursor {
  /** The last processed block; empty before the first run. */
  OptionalLong lastBlock();

  /**
   * Moves the cursor from {@code expected} (empty: no cursor yet) to {@code next}.
   *
   * @throws CursorMovedException when the stored cursor is no longer {@code expected}
   */
  void advance(OptionalLong expected, long next) throws CursorMovedException;

  /** Checks a move before it is written; every implementation refuses the same moves. */
  static void checkMove(OptionalLong expected, long next) {
    if (next < 0) {
      throw new IllegalArgumentException("a cursor block must not be negative, got " + next);
    }
    if (expected.isPresent() && next <= expected.getAsLong()) {
      throw new IllegalArgumentException(
          "a cursor only moves forward: from " + expected.getAsLong() + " to " + next);
    }
  }
}

package dev.tollgate.functions.events;

import java.util.OptionalLong;

/** A cursor in memory, with the same compare-and-set rule as the stored one. */
final class InMemoryWatchCursor implements WatchCursor {
  private OptionalLong block = OptionalLong.empty();

  @Override
  public synchronized OptionalLong lastBlock() {
    return block;
  }

  @Override
  public synchronized void advance(OptionalLong expected, long next) throws CursorMovedException {
    WatchCursor.checkMove(expected, next);
    if (!block.equals(expected)) {
      throw new CursorMovedException(expected, block);
    }
    block = OptionalLong.of(next);
  }

  /** Another run's move, behind the watcher's back. */
  synchronized void set(long next) {
    block = OptionalLong.of(next);
  }
}

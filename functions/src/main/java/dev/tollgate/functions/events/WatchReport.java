package dev.tollgate.functions.events;

/**
 * What one watcher run did.
 *
 * @param headBlock the chain's head when the run started
 * @param safeBlock the newest block deep enough to publish: head minus the confirmations
 * @param fromBlock the first block read; when nothing was read, the block the next run starts at
 * @param toBlock the last block read, where the cursor is now; {@code fromBlock - 1} when nothing
 *     was read
 * @param eventsPublished how many events went to the queue
 * @param ranges how many block ranges were read
 * @param caughtUp whether the cursor reached the safe block (false: the run stopped at its range
 *     limit and the next run goes on)
 */
public record WatchReport(
    long headBlock,
    long safeBlock,
    long fromBlock,
    long toBlock,
    int eventsPublished,
    int ranges,
    boolean caughtUp) {

  /** A run that found no block deep enough past the cursor. */
  static WatchReport nothingToRead(long headBlock, long safeBlock, long nextBlock) {
    return new WatchReport(headBlock, safeBlock, nextBlock, nextBlock - 1, 0, 0, true);
  }
}

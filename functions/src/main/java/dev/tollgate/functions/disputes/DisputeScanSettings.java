package dev.tollgate.functions.disputes;

/**
 * How the keeper re-reads disputes from the chain.
 *
 * @param confirmations how deep a block must be before its disputes are acted on (the watcher's)
 * @param startBlock where the first scan starts when there is no cursor yet (the watcher's)
 * @param maxBlocksPerRun the most blocks one keeper run reads; the next run goes on from there
 */
public record DisputeScanSettings(long confirmations, long startBlock, long maxBlocksPerRun) {
  public static final long DEFAULT_MAX_BLOCKS_PER_RUN = 50_000;

  public DisputeScanSettings {
    if (confirmations < 0) {
      throw new IllegalArgumentException(
          "confirmations must not be negative, got " + confirmations);
    }
    if (startBlock < 0) {
      throw new IllegalArgumentException("startBlock must not be negative, got " + startBlock);
    }
    if (maxBlocksPerRun < 1) {
      throw new IllegalArgumentException(
          "maxBlocksPerRun must be at least 1, got " + maxBlocksPerRun);
    }
  }
}

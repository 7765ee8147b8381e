package dev.tollgate.functions.events;

import dev.tollgate.core.value.Address;
import java.util.Objects;
import java.util.Set;

/**
 * How the watcher reads the chain.
 *
 * @param confirmations how deep a block must be before its logs are published: a reorganisation
 *     shallower than this never reaches the queue
 * @param maxBlocksPerRange the most blocks one {@code eth_getLogs} call spans (providers cap it)
 * @param maxRangesPerRun the most ranges one run reads, so a run that is far behind still ends
 *     within the function's timeout; the next run goes on from the cursor
 * @param startBlock where the first run starts when there is no cursor yet (the contracts'
 *     deployment block: nothing before it concerns the gateway)
 * @param assets the tokens whose transfers into channels are deposits
 */
public record WatcherSettings(
    long confirmations,
    long maxBlocksPerRange,
    int maxRangesPerRun,
    long startBlock,
    Set<Address> assets) {
  public static final long DEFAULT_CONFIRMATIONS = 12;
  public static final long DEFAULT_MAX_BLOCKS_PER_RANGE = 2_000;
  public static final int DEFAULT_MAX_RANGES_PER_RUN = 10;
  public static final long DEFAULT_START_BLOCK = 0;

  public WatcherSettings {
    if (confirmations < 0) {
      throw new IllegalArgumentException(
          "confirmations must not be negative, got " + confirmations);
    }
    if (maxBlocksPerRange < 1) {
      throw new IllegalArgumentException(
          "maxBlocksPerRange must be at least 1, got " + maxBlocksPerRange);
    }
    if (maxRangesPerRun < 1) {
      throw new IllegalArgumentException(
          "maxRangesPerRun must be at least 1, got " + maxRangesPerRun);
    }
    if (startBlock < 0) {
      throw new IllegalArgumentException("startBlock must not be negative, got " + startBlock);
    }
    Objects.requireNonNull(assets, "assets");
    assets = Set.copyOf(assets);
    if (assets.isEmpty()) {
      throw new IllegalArgumentException("assets must name at least one token, got none");
    }
  }

  /** The defaults, watching {@code assets}. */
  public static WatcherSettings defaults(Set<Address> assets) {
    return new WatcherSettings(
        DEFAULT_CONFIRMATIONS,
        DEFAULT_MAX_BLOCKS_PER_RANGE,
        DEFAULT_MAX_RANGES_PER_RUN,
        DEFAULT_START_BLOCK,
        assets);
  }

  public WatcherSettings withConfirmations(long value) {
    return new WatcherSettings(value, maxBlocksPerRange, maxRangesPerRun, startBlock, assets);
  }

  public WatcherSettings withMaxBlocksPerRange(long value) {
    return new WatcherSettings(confirmations, value, maxRangesPerRun, startBlock, assets);
  }

  public WatcherSettings withMaxRangesPerRun(int value) {
    return new WatcherSettings(confirmations, maxBlocksPerRange, value, startBlock, assets);
  }

  public WatcherSettings withStartBlock(long value) {
    return new WatcherSettings(confirmations, maxBlocksPerRange, maxRangesPerRun, value, assets);
  }
}

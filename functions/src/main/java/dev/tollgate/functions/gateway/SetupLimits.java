package dev.tollgate.functions.gateway;

/**
 * How many channel setups the gateway takes in one fixed window: per source address (the caller's
 * IP, as API Gateway or the server saw it) and per payer. A setup stores a channel for good, so an
 * unbounded stream of them would grow the tables without limit.
 *
 * @param perSource setups from one source address per window
 * @param perPayer setups for one payer address per window (a payer has one channel per gateway, so
 *     more than one only happens when setups race)
 * @param windowSeconds the window's length; windows start at multiples of it (epoch seconds)
 */
public record SetupLimits(int perSource, int perPayer, long windowSeconds) {
  public static final int DEFAULT_PER_SOURCE = 60;
  public static final int DEFAULT_PER_PAYER = 3;
  public static final long DEFAULT_WINDOW_SECONDS = 3_600;

  public SetupLimits {
    if (perSource < 1) {
      throw new IllegalArgumentException("per-source must be at least 1, got " + perSource);
    }
    if (perPayer < 1) {
      throw new IllegalArgumentException("per-payer must be at least 1, got " + perPayer);
    }
    if (windowSeconds < 1 || windowSeconds > 86_400) {
      throw new IllegalArgumentException(
          "window-seconds must be between 1 and 86400, got " + windowSeconds);
    }
  }

  public static SetupLimits defaults() {
    return new SetupLimits(DEFAULT_PER_SOURCE, DEFAULT_PER_PAYER, DEFAULT_WINDOW_SECONDS);
  }

  /** The start of the window holding {@code nowSeconds}. */
  public long windowStart(long nowSeconds) {
    return Math.floorDiv(nowSeconds, windowSeconds) * windowSeconds;
  }

  /** Seconds from {@code nowSeconds} until its window ends (at least 1). */
  public long secondsLeft(long nowSeconds) {
    return Math.max(1, windowStart(nowSeconds) + windowSeconds - nowSeconds);
  }
}

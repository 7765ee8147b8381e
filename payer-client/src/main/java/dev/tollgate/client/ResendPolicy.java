package dev.tollgate.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a paid request whose answer was lost (the connection refused, reset or timed out after the
 * payment was sent) is sent again: the same request with the same {@code PAYMENT-SIGNATURE}, up to
 * {@code retries} times, waiting {@code firstWait} before the first re-send and twice as long
 * before each next one. Re-sending is safe: the gateway answers a payment it recorded with the
 * recorded answer and charges it once, and takes one it never recorded as new.
 */
record ResendPolicy(int retries, Duration firstWait) {
  /** Three re-sends after 0.5, 1 and 2 s: a gateway restarting within 3.5 s loses no answer. */
  static final ResendPolicy DEFAULT = new ResendPolicy(3, Duration.ofMillis(500));

  /** Enough for any sensible schedule, and small enough that the doubling cannot overflow. */
  static final int MAX_RETRIES = 10;

  ResendPolicy {
    Objects.requireNonNull(firstWait, "firstWait");
    if (retries < 0 || retries > MAX_RETRIES) {
      throw new IllegalArgumentException(
          "payment retries must be between 0 and " + MAX_RETRIES + ", got " + retries);
    }
    if (firstWait.isNegative()) {
      throw new IllegalArgumentException("the first wait must not be negative, got " + firstWait);
    }
  }

  /** The wait before re-send number {@code resend} (1 for the first). */
  Duration waitBefore(int resend) {
    if (resend < 1 || resend > retries) {
      throw new IllegalArgumentException(
          "re-send " + resend + " is outside 1.." + retries + " of this policy");
    }
    return firstWait.multipliedBy(1L << (resend - 1));
  }
}

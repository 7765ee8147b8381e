package dev.tollgate.functions.gateway;

import java.util.List;

/** Counters of requests per key and window, kept where every container of the gateway sees them. */
public interface RateCounters {
  /** One counter to take a unit from: its key, window and the most it may count. */
  record Take(String key, int limit) {}

  /**
   * Adds one to every counter of {@code takes} in the window starting at {@code windowStart}, all
   * or none: if any is at its limit, nothing changes and this returns false. Counters of an ended
   * window may be deleted once {@code expiresAt} (epoch seconds) has passed.
   */
  boolean takeAll(List<Take> takes, long windowStart, long expiresAt);
}

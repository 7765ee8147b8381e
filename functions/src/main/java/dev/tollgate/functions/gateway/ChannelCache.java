package dev.tollgate.functions.gateway;

import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.value.Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The channels this container wrote or read last, so the hot path can skip its read. Never an
 * authority: a cached channel only spares a read when it is still current, and every write stays
 * conditional on the stored nonce, so a stale entry costs one refused attempt and a fresh read,
 * never a wrong answer (callers retry on the stored state whenever a cached one was refused).
 */
public final class ChannelCache {
  private final int capacity;
  private final Map<Address, StoredChannel> entries;

  public ChannelCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  public synchronized Optional<StoredChannel> get(Address channel) {
    return Optional.ofNullable(entries.get(channel));
  }

  /** Keeps {@code stored} unless a newer state of the same channel is cached already. */
  public synchronized void put(StoredChannel stored) {
    Address channel = stored.latest().channelAddress();
    StoredChannel current = entries.get(channel);
    if (current == null || current.nonce() < stored.nonce()) {
      entries.put(channel, stored);
    }
    if (entries.size() > capacity) {
      Address eldest = entries.keySet().iterator().next();
      entries.remove(eldest);
    }
  }

  public synchronized void forget(Address channel) {
    entries.remove(channel);
  }
}

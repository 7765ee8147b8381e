package dev.tollgate.core.port;

import dev.tollgate.core.update.ChannelUpdate;
import java.util.List;
import java.util.Objects;

/**
 * One atomic step of a channel: from the stored nonce {@code expectedNonce} (0 when nothing is
 * stored yet) to {@code next}, recording {@code updates} (each nonce at most once, oldest first).
 */
public record ChannelWrite(long expectedNonce, StoredChannel next, List<ChannelUpdate> updates) {
  public ChannelWrite {
    Objects.requireNonNull(next, "next");
    updates = List.copyOf(updates);
    if (expectedNonce < 0) {
      throw new IllegalArgumentException("expectedNonce must be >= 0, got " + expectedNonce);
    }
    if (next.nonce() <= expectedNonce) {
      throw new IllegalArgumentException(
          "a write must move the nonce forward: expected "
              + expectedNonce
              + ", next "
              + next.nonce());
    }
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("a write records at least one update");
    }
    long previous = expectedNonce;
    for (ChannelUpdate u : updates) {
      if (!u.channelAddress().equals(next.latest().channelAddress())) {
        throw new IllegalArgumentException(
            "update for channel "
                + u.channelAddress()
                + " in a write to channel "
                + next.latest().channelAddress());
      }
      if (u.nonce() != previous + 1) {
        throw new IllegalArgumentException(
            "updates must be consecutive from " + (expectedNonce + 1) + ", got nonce " + u.nonce());
      }
      previous = u.nonce();
    }
    if (previous != next.nonce()) {
      throw new IllegalArgumentException(
          "the last update has nonce "
              + previous
              + " but the next state has nonce "
              + next.nonce());
    }
  }
}

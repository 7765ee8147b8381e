package dev.tollgate.core.port;

import dev.tollgate.core.protocol.Channel;
import java.util.Objects;

/**
 * A channel as the gateway stored it: the newest state (which may carry only the gateway's
 * signature, such as a resolve the payer has not acknowledged yet) and the newest state both
 * parties signed, which is what the gateway can enforce on chain.
 */
public record StoredChannel(Channel latest, Channel latestDoubleSigned) {
  public StoredChannel {
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(latestDoubleSigned, "latestDoubleSigned");
    if (!latest.channelAddress().equals(latestDoubleSigned.channelAddress())) {
      throw new IllegalArgumentException(
          "latest is channel "
              + latest.channelAddress()
              + " but latestDoubleSigned is channel "
              + latestDoubleSigned.channelAddress());
    }
    if (latestDoubleSigned.nonce() > latest.nonce()) {
      throw new IllegalArgumentException(
          "latestDoubleSigned nonce "
              + latestDoubleSigned.nonce()
              + " is ahead of latest nonce "
              + latest.nonce());
    }
    // At one nonce there is one state; a store may keep it once.
    if (latestDoubleSigned.nonce() == latest.nonce() && !latestDoubleSigned.equals(latest)) {
      throw new IllegalArgumentException(
          "latest and latestDoubleSigned differ at the same nonce " + latest.nonce());
    }
  }

  /** A channel whose newest state both parties signed. */
  public static StoredChannel doubleSigned(Channel channel) {
    return new StoredChannel(channel, channel);
  }

  public boolean latestIsDoubleSigned() {
    return latestDoubleSigned.nonce() == latest.nonce();
  }

  public long nonce() {
    return latest.nonce();
  }
}

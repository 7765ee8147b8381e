package dev.tollgate.core.port;

import dev.tollgate.core.value.Address;

/**
 * A write to a channel that is disputed on chain: the channel takes no more updates, since a state
 * signed after the dispute's consensus window could never be enforced.
 */
public final class ChannelDisputedException extends RuntimeException {
  private final Address channel;
  private final long disputedNonce;

  public ChannelDisputedException(Address channel, long disputedNonce) {
    super(
        "channel "
            + channel
            + " is disputed on chain (at nonce "
            + disputedNonce
            + ") and takes no more updates");
    this.channel = channel;
    this.disputedNonce = disputedNonce;
  }

  public Address channel() {
    return channel;
  }

  public long disputedNonce() {
    return disputedNonce;
  }
}

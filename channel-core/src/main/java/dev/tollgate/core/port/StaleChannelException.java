package dev.tollgate.core.port;

import java.util.Optional;

/**
 * A write lost a race: the stored channel is no longer at the nonce the writer read. Carries what
 * is stored now so the caller can answer with the latest update (HTTP 409) without another read.
 */
public final class StaleChannelException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long expectedNonce;
  private final transient Optional<StoredChannel> stored;

  public StaleChannelException(long expectedNonce, Optional<StoredChannel> stored) {
    super(
        "channel is no longer at nonce "
            + expectedNonce
            + stored.map(s -> "; stored nonce is " + s.nonce()).orElse("; nothing is stored"));
    this.expectedNonce = expectedNonce;
    this.stored = stored;
  }

  public long expectedNonce() {
    return expectedNonce;
  }

  public Optional<StoredChannel> stored() {
    return stored;
  }
}

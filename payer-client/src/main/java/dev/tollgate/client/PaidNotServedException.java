package dev.tollgate.client;

import dev.tollgate.core.value.Bytes32;
import java.util.Objects;

/**
 * The gateway took the payment but its answer was lost, and when the same payment was sent again
 * its quote had expired, so the gateway would no longer serve it. The payment is in the channel
 * (the client caught up, both sides agree) and was charged once; the resource was not served. A
 * call made again pays again, with a fresh quote.
 */
public final class PaidNotServedException extends TollgateException {
  private static final long serialVersionUID = 1L;

  private final transient Bytes32 transferId;

  public PaidNotServedException(String message, Bytes32 transferId) {
    super(message);
    this.transferId = Objects.requireNonNull(transferId, "transferId");
  }

  /** The transfer the payment was made with: the gateway's record of it. */
  public Bytes32 transferId() {
    return transferId;
  }
}

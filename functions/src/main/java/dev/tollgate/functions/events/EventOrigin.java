package dev.tollgate.functions.events;

import dev.tollgate.core.value.Bytes32;
import java.util.Objects;

/** Where on chain an event was logged. */
public record EventOrigin(Bytes32 txHash, long logIndex, long blockNumber, Bytes32 blockHash) {
  public EventOrigin {
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(blockHash, "blockHash");
    if (logIndex < 0 || blockNumber < 0) {
      throw new IllegalArgumentException(
          "logIndex and blockNumber must not be negative, got " + logIndex + ", " + blockNumber);
    }
  }

  /** {@code txHash:logIndex}: one log, however often it is read or delivered. */
  public String eventId() {
    return txHash + ":" + logIndex;
  }
}

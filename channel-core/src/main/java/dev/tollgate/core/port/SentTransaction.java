package dev.tollgate.core.port;

import dev.tollgate.core.value.Bytes32;
import java.util.Objects;

/** A transaction the gateway sent, as mined. */
public record SentTransaction(Bytes32 hash, long blockNumber, long gasUsed) {
  public SentTransaction {
    Objects.requireNonNull(hash, "hash");
    if (blockNumber < 0) {
      throw new IllegalArgumentException("blockNumber must not be negative, got " + blockNumber);
    }
  }
}

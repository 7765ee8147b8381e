package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One signed attempt at a nonce: the raw transaction as broadcast, its hash, the fees it offers and
 * when it was signed (seconds since the epoch). A replacement is another attempt at the same nonce.
 */
public record SignedTransaction(
    long nonce, Bytes32 hash, String raw, Fees fees, BigInteger gasLimit, long sentAt) {
  public SignedTransaction {
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must not be negative, got " + nonce);
    }
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(raw, "raw");
    if (!raw.startsWith("0x02")) {
      throw new IllegalArgumentException(
          "raw transaction must be an EIP-1559 (type 2) envelope, got " + Hex.abbreviate(raw));
    }
    Objects.requireNonNull(fees, "fees");
    Objects.requireNonNull(gasLimit, "gasLimit");
  }
}

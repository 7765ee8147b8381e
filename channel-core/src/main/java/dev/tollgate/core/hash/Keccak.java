package dev.tollgate.core.hash;

import dev.tollgate.core.value.Bytes32;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Ethereum's keccak256 (the original Keccak padding, not NIST SHA3-256). */
public final class Keccak {
  private Keccak() {}

  public static byte[] digest(byte[] input) {
    return digest(input, 0, input.length);
  }

  public static byte[] digest(byte[] input, int offset, int length) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(input, offset, length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  public static Bytes32 hash(byte[] input) {
    return Bytes32.of(digest(input));
  }
}

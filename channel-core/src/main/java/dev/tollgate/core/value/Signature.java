package dev.tollgate.core.value;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A 65-byte secp256k1 signature r ‖ s ‖ v with v in {27, 28} and s in the lower half of the curve
 * order. High-s signatures are refused on input: they are valid ECDSA but malleable, and the
 * adjudicator (OpenZeppelin ECDSA) rejects them, so accepting one off-chain would accept a state
 * that cannot be enforced.
 */
public final class Signature {
  public static final BigInteger CURVE_ORDER =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
  public static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Signature of(byte[] bytes) {
    if (bytes == null || bytes.length != 65) {
      throw new IllegalArgumentException(
          "a signature needs exactly 65 bytes (r, s, v), got "
              + (bytes == null ? "none" : bytes.length));
    }
    byte[] copy = bytes.clone();
    validate(copy);
    return new Signature(copy);
  }

  public static Signature fromHex(String hex) {
    return of(Hex.decode(hex));
  }

  /** From the compact 64-byte r ‖ s form and a recovery id of 0 or 1. */
  public static Signature fromCompact(byte[] rs, int recoveryId) {
    if (rs == null || rs.length != 64 || (recoveryId != 0 && recoveryId != 1)) {
      throw new IllegalArgumentException("compact signature needs 64 bytes and recovery id 0 or 1");
    }
    byte[] out = Arrays.copyOf(rs, 65);
    out[64] = (byte) (27 + recoveryId);
    validate(out);
    return new Signature(out);
  }

  private static void validate(byte[] sig) {
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
    int v = sig[64] & 0xff;
    if (v != 27 && v != 28) {
      throw new IllegalArgumentException("signature v must be 27 or 28, got " + v);
    }
    if (r.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0) {
      throw new IllegalArgumentException("signature r is out of range: 0x" + r.toString(16));
    }
    if (s.signum() == 0) {
      throw new IllegalArgumentException("signature s is zero");
    }
    if (s.compareTo(HALF_CURVE_ORDER) > 0) {
      throw new IllegalArgumentException(
          "signature s is in the upper half of the curve order (high-s, malleable): 0x"
              + s.toString(16));
    }
  }

  /** 0 or 1, as libsecp256k1's recovery functions want it. */
  public int recoveryId() {
    return (bytes[64] & 0xff) - 27;
  }

  /** r ‖ s, 64 bytes. */
  public byte[] compact() {
    return Arrays.copyOf(bytes, 64);
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}

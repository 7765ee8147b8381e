package dev.tollgate.core.value;

import java.math.BigInteger;
import java.util.Optional;

/** A Solidity uint256: never negative, never above 2^256 - 1. Amounts, totals, timeouts. */
public final class Uint256 implements Comparable<Uint256> {
  public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  public static final Uint256 ZERO = new Uint256(BigInteger.ZERO);
  public static final Uint256 ONE = new Uint256(BigInteger.ONE);
  public static final Uint256 MAX = new Uint256(MAX_VALUE);

  private final BigInteger value;

  private Uint256(BigInteger value) {
    this.value = value;
  }

  public static Uint256 of(BigInteger value) {
    if (value == null) {
      throw new IllegalArgumentException("uint256 value is missing");
    }
    if (!fits(value)) {
      throw new IllegalArgumentException("value is outside the uint256 range: " + value);
    }
    return new Uint256(value);
  }

  public static Uint256 of(long value) {
    return of(BigInteger.valueOf(value));
  }

  /**
   * Empty when the result of arithmetic left the uint256 range; callers turn that into a reason.
   */
  public static Optional<Uint256> tryOf(BigInteger value) {
    return fits(value) ? Optional.of(new Uint256(value)) : Optional.empty();
  }

  /** Parses the wire form: a plain decimal string, no sign, no exponent, no leading '+'. */
  public static Uint256 parse(String decimal) {
    if (decimal == null || decimal.isEmpty()) {
      throw new IllegalArgumentException("uint256 decimal string is empty");
    }
    if (decimal.length() > 78) {
      throw new IllegalArgumentException(
          "uint256 decimal string is too long (" + decimal.length() + " digits)");
    }
    for (int i = 0; i < decimal.length(); i++) {
      char c = decimal.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(
            "uint256 must be a decimal string of digits only: " + Hex.abbreviate(decimal));
      }
    }
    if (decimal.length() > 1 && decimal.charAt(0) == '0') {
      throw new IllegalArgumentException(
          "uint256 decimal string must not have leading zeros: " + Hex.abbreviate(decimal));
    }
    return of(new BigInteger(decimal));
  }

  public static boolean fits(BigInteger value) {
    return value.signum() >= 0 && value.bitLength() <= 256;
  }

  public BigInteger value() {
    return value;
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  /** The 32-byte big-endian word, as in ABI encoding. */
  public void writeWord(byte[] dest, int offset) {
    byte[] raw = value.toByteArray();
    int len = raw.length;
    int skip = 0;
    if (len > 32) {
      // BigInteger adds a sign byte for values with the top bit set.
      skip = len - 32;
      len = 32;
    }
    java.util.Arrays.fill(dest, offset, offset + 32 - len, (byte) 0);
    System.arraycopy(raw, skip, dest, offset + 32 - len, len);
  }

  /** The 32-byte big-endian word on its own. */
  public byte[] toWord() {
    byte[] out = new byte[32];
    writeWord(out, 0);
    return out;
  }

  public String toDecimal() {
    return value.toString();
  }

  @Override
  public int compareTo(Uint256 other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Uint256 other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

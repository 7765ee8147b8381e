package dev.tollgate.core.value;

import java.util.Arrays;

/** An immutable 32-byte word: hashes, transfer ids, merkle roots, preimages. */
public final class Bytes32 implements Comparable<Bytes32> {
  public static final Bytes32 ZERO = new Bytes32(new byte[32]);

  private final byte[] bytes;

  private Bytes32(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Bytes32 of(byte[] bytes) {
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException(
          "a bytes32 value needs exactly 32 bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    return new Bytes32(bytes.clone());
  }

  public static Bytes32 fromHex(String hex) {
    byte[] b = Hex.decode(hex);
    if (b.length != 32) {
      throw new IllegalArgumentException(
          "a bytes32 value needs 64 hex digits, got " + b.length * 2 + ": " + Hex.abbreviate(hex));
    }
    return new Bytes32(b);
  }

  /** Wraps without copying; for arrays this package's callers have just created and never share. */
  static Bytes32 wrap(byte[] bytes) {
    return new Bytes32(bytes);
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code dest} at {@code offset}, avoiding an intermediate clone. */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(bytes, 0, dest, offset, 32);
  }

  public boolean isZero() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  /** Unsigned big-endian order: the order of transfer ids in the merkle tree and in Solidity. */
  @Override
  public int compareTo(Bytes32 other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
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

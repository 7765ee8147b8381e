package dev.tollgate.core.abi;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;

/**
 * Writes 32-byte ABI words into a buffer sized up front. The structures Tollgate signs are fixed,
 * so each encoder computes its exact size and fills the words in order; no reflection, no type
 * trees.
 */
public final class AbiWriter {
  public static final int WORD = 32;

  private final byte[] out;
  private int pos;

  public AbiWriter(int words) {
    this.out = new byte[words * WORD];
  }

  public AbiWriter uint(Uint256 value) {
    value.writeWord(out, pos);
    pos += WORD;
    return this;
  }

  public AbiWriter uint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value cannot be a uint: " + value);
    }
    for (int i = 0; i < 8; i++) {
      out[pos + WORD - 1 - i] = (byte) (value >>> (8 * i));
    }
    pos += WORD;
    return this;
  }

  public AbiWriter address(Address address) {
    address.copyTo(out, pos + 12);
    pos += WORD;
    return this;
  }

  public AbiWriter bytes32(Bytes32 word) {
    word.copyTo(out, pos);
    pos += WORD;
    return this;
  }

  /** The tail of a {@code bytes} value: its length word, then the data right-padded to a word. */
  public AbiWriter bytesTail(byte[] data) {
    uint(data.length);
    System.arraycopy(data, 0, out, pos, data.length);
    pos += paddedWords(data.length) * WORD;
    return this;
  }

  public static int paddedWords(int byteLength) {
    return (byteLength + WORD - 1) / WORD;
  }

  public byte[] finish() {
    if (pos != out.length) {
      throw new IllegalStateException(
          "ABI encoder wrote " + pos + " bytes into a " + out.length + "-byte buffer");
    }
    return out;
  }
}

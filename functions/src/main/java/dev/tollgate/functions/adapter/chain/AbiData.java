package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A log's ABI-encoded data, read word by word at byte offsets. Every offset, pointer and array
 * length is checked against the data's size, and every failure names the log.
 */
final class AbiData {
  static final int WORD = 32;
  private static final int ADDRESS_PADDING = 12;

  private final byte[] data;
  private final String log;

  AbiData(byte[] data, String log) {
    this.data = data;
    this.log = log;
  }

  String log() {
    return log;
  }

  MalformedLogException malformed(String problem) {
    return new MalformedLogException(log, problem);
  }

  /** For events whose parameters are all static: the data is exactly {@code words} long. */
  void requireWords(int words) {
    if (data.length != words * WORD) {
      throw malformed("data has " + data.length + " bytes, expected " + words * WORD);
    }
  }

  void requireAtLeastWords(int words) {
    if (data.length < words * WORD) {
      throw malformed("data has " + data.length + " bytes, expected at least " + words * WORD);
    }
  }

  Bytes32 bytes32(int offset) {
    return Bytes32.of(word(offset));
  }

  Uint256 uint(int offset) {
    return Uint256.of(new BigInteger(1, word(offset)));
  }

  /** A uint256 that Tollgate holds as a long: nonces and timestamps. */
  long integer(int offset, String field) {
    BigInteger value = new BigInteger(1, word(offset));
    if (value.bitLength() > 63) {
      throw malformed(field + " " + value + " at byte " + offset + " does not fit a long");
    }
    return value.longValueExact();
  }

  Address address(int offset) {
    byte[] w = word(offset);
    for (int i = 0; i < ADDRESS_PADDING; i++) {
      if (w[i] != 0) {
        throw malformed("word at byte " + offset + " is not an address (high bytes are set)");
      }
    }
    return Address.of(Arrays.copyOfRange(w, ADDRESS_PADDING, WORD));
  }

  /** Solidity {@code Balance}: a static tuple of four words. */
  Balance balance(int offset) {
    return new Balance(
        uint(offset), uint(offset + WORD), address(offset + 2 * WORD), address(offset + 3 * WORD));
  }

  /**
   * Where a dynamic value starts: the offset stored at {@code offset}, counted from {@code base}
   * (the start of the enclosing tuple).
   */
  int pointer(int offset, int base) {
    long target = base + smallNumber(offset, "offset");
    if (target > data.length - WORD) {
      throw malformed(
          "offset at byte " + offset + " points to byte " + target + ", past the data's end");
    }
    return (int) target;
  }

  /** A dynamic array at {@code at} whose elements are static and {@code elementWords} long. */
  <T> List<T> array(int at, int elementWords, IntFunction<T> element) {
    long length = smallNumber(at, "array length");
    long end = at + WORD + length * elementWords * WORD;
    if (end > data.length) {
      throw malformed(
          "array at byte " + at + " has " + length + " elements, more than the data holds");
    }
    List<T> out = new ArrayList<>((int) length);
    for (int i = 0; i < length; i++) {
      out.add(element.apply(at + WORD + i * elementWords * WORD));
    }
    return out;
  }

  List<Address> addresses(int at) {
    return array(at, 1, this::address);
  }

  List<Uint256> uints(int at) {
    return array(at, 1, this::uint);
  }

  private long smallNumber(int offset, String what) {
    BigInteger value = new BigInteger(1, word(offset));
    if (value.bitLength() > 31) {
      throw malformed(what + " at byte " + offset + " is implausibly large: " + value);
    }
    return value.longValue();
  }

  private byte[] word(int offset) {
    if (offset < 0 || offset > data.length - WORD) {
      throw malformed("data has " + data.length + " bytes, no word at byte " + offset);
    }
    return Arrays.copyOfRange(data, offset, offset + WORD);
  }
}

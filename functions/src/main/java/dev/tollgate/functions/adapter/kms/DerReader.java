package dev.tollgate.functions.adapter.kms;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A strict reader for the few DER shapes KMS returns. BER leniencies (indefinite or padded lengths,
 * padded integers) are refused: a value with more than one accepted encoding is a malleability
 * hazard, and KMS never produces them, so seeing one means the bytes are not what we think.
 */
final class DerReader {
  static final int SEQUENCE = 0x30;
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OBJECT_IDENTIFIER = 0x06;

  private final byte[] der;
  private final String what;
  private final int end;
  private int position;

  private DerReader(byte[] der, int start, int end, String what) {
    this.der = der;
    this.position = start;
    this.end = end;
    this.what = what;
  }

  /** {@code what} names the structure in every error, e.g. "DER ECDSA signature". */
  static DerReader of(byte[] der, String what) {
    if (der == null || der.length == 0) {
      throw new IllegalArgumentException(what + " is empty");
    }
    return new DerReader(der, 0, der.length, what);
  }

  /** Reads one element with the given tag and returns a reader over its contents. */
  DerReader element(int expectedTag, String name) {
    if (position >= end) {
      throw fail("expected " + name + " at offset " + position + " but the input ended");
    }
    int tag = der[position] & 0xff;
    if (tag != expectedTag) {
      throw fail(
          String.format(
              "expected %s (tag 0x%02x) at offset %d, found tag 0x%02x",
              name, expectedTag, position, tag));
    }
    int lengthOffset = position + 1;
    int[] lengthAndStart = readLength(lengthOffset, name);
    int length = lengthAndStart[0];
    int contentStart = lengthAndStart[1];
    if (length > end - contentStart) {
      throw fail(
          String.format(
              "%s at offset %d claims %d content bytes but only %d remain",
              name, position, length, end - contentStart));
    }
    position = contentStart + length;
    return new DerReader(der, contentStart, contentStart + length, what);
  }

  /** A non-negative INTEGER, minimally encoded. */
  BigInteger positiveInteger(String name) {
    int at = position;
    byte[] content = element(INTEGER, name).remaining();
    if (content.length == 0) {
      throw fail(name + " at offset " + at + " has no content bytes");
    }
    if ((content[0] & 0x80) != 0) {
      throw fail(name + " at offset " + at + " is negative");
    }
    if (content.length > 1 && content[0] == 0 && (content[1] & 0x80) == 0) {
      throw fail(name + " at offset " + at + " has a superfluous leading zero byte");
    }
    return new BigInteger(1, content);
  }

  /** A BIT STRING's bits, which must fill whole bytes. */
  byte[] bitString(String name) {
    int at = position;
    byte[] content = element(BIT_STRING, name).remaining();
    if (content.length == 0 || content[0] != 0) {
      throw fail(name + " at offset " + at + " is not a whole number of bytes");
    }
    return Arrays.copyOfRange(content, 1, content.length);
  }

  /** An OBJECT IDENTIFIER in dotted form, for comparison and for error messages. */
  String objectIdentifier(String name) {
    int at = position;
    byte[] content = element(OBJECT_IDENTIFIER, name).remaining();
    if (content.length == 0 || (content[content.length - 1] & 0x80) != 0) {
      throw fail(name + " at offset " + at + " is truncated");
    }
    StringBuilder dotted = new StringBuilder();
    long arc = 0;
    boolean first = true;
    for (int i = 0; i < content.length; i++) {
      if (arc == 0 && (content[i] & 0xff) == 0x80) {
        throw fail(name + " at offset " + at + " has a padded sub-identifier");
      }
      if (arc > (Long.MAX_VALUE >> 7)) {
        throw fail(name + " at offset " + at + " has a sub-identifier too large to read");
      }
      arc = (arc << 7) | (content[i] & 0x7f);
      if ((content[i] & 0x80) != 0) {
        continue;
      }
      if (first) {
        long root = Math.min(arc / 40, 2);
        dotted.append(root).append('.').append(arc - 40 * root);
        first = false;
      } else {
        dotted.append('.').append(arc);
      }
      arc = 0;
    }
    return dotted.toString();
  }

  void requireEnd(String context) {
    if (position != end) {
      throw fail(String.format("%d unexpected trailing bytes after %s", end - position, context));
    }
  }

  private byte[] remaining() {
    byte[] out = Arrays.copyOfRange(der, position, end);
    position = end;
    return out;
  }

  /** Returns {length, offset of the first content byte}. */
  private int[] readLength(int offset, String name) {
    if (offset >= end) {
      throw fail(name + " has no length byte");
    }
    int first = der[offset] & 0xff;
    if (first < 0x80) {
      return new int[] {first, offset + 1};
    }
    int count = first & 0x7f;
    if (count == 0) {
      throw fail(name + " uses an indefinite length, which DER forbids");
    }
    if (count > 3) {
      throw fail(name + " claims a length of " + count + " bytes, too long for a key or signature");
    }
    if (offset + count >= end) {
      throw fail(name + " has a truncated length");
    }
    if (der[offset + 1] == 0) {
      throw fail(name + " has a length padded with a leading zero byte");
    }
    int length = 0;
    for (int i = 1; i <= count; i++) {
      length = (length << 8) | (der[offset + i] & 0xff);
    }
    if (length < 0x80) {
      throw fail(name + " uses the long length form for " + length + ", which DER forbids");
    }
    return new int[] {length, offset + 1 + count};
  }

  private IllegalArgumentException fail(String detail) {
    return new IllegalArgumentException(what + ": " + detail);
  }
}

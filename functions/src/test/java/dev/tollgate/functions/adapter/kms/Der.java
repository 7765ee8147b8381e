package dev.tollgate.functions.adapter.kms;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Builds DER by hand, so tests can make both well-formed and deliberately broken inputs. */
final class Der {
  private Der() {}

  static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.size();
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return tlv(DerReader.SEQUENCE, parts);
  }

  /** BigInteger's two's-complement bytes are exactly DER's minimal INTEGER content. */
  static byte[] integer(BigInteger value) {
    return tlv(DerReader.INTEGER, value.toByteArray());
  }

  static byte[] signature(BigInteger r, BigInteger s) {
    return sequence(integer(r), integer(s));
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}

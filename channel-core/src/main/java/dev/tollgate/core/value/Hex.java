package dev.tollgate.core.value;

/** Strict 0x-prefixed hex, the only byte notation on Tollgate's wire. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Lowercase, 0x-prefixed. */
  public static String encode(byte[] bytes) {
    char[] out = new char[2 + bytes.length * 2];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes 0x-prefixed hex of either case. Odd lengths and missing prefixes are refused rather
   * than guessed at, because a silently re-padded hash or signature is a different value.
   */
  public static byte[] decode(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("hex string is missing");
    }
    if (!hex.startsWith("0x")) {
      throw new IllegalArgumentException("hex string must start with 0x: " + abbreviate(hex));
    }
    int digits = hex.length() - 2;
    if (digits % 2 != 0) {
      throw new IllegalArgumentException(
          "hex string has an odd number of digits (" + digits + "): " + abbreviate(hex));
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(hex.charAt(2 + 2 * i));
      int lo = digit(hex.charAt(3 + 2 * i));
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException(
            "hex string has a non-hex character near position "
                + (2 + 2 * i)
                + ": "
                + abbreviate(hex));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** ASCII hex digits only: Character.digit would also take other scripts' digits. */
  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Keeps error messages readable when a caller sends a megabyte of garbage. */
  public static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}

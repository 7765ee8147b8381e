package dev.tollgate.core.value;

import dev.tollgate.core.hash.Keccak;
import java.util.Arrays;

/**
 * A 20-byte Ethereum address. Printed with the EIP-55 checksum; parsed strictly, so a mixed-case
 * address with a wrong checksum (a typo) is refused instead of paid.
 */
public final class Address implements Comparable<Address> {
  public static final Address ZERO = new Address(new byte[20]);

  private final byte[] bytes;
  // Computed on first print: recovering a signer must not pay for a second keccak.
  private volatile String checksummed;

  private Address(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Address of(byte[] bytes) {
    if (bytes == null || bytes.length != 20) {
      throw new IllegalArgumentException(
          "an address needs exactly 20 bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    return new Address(bytes.clone());
  }

  public static Address fromHex(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("address is missing");
    }
    if (hex.length() != 42 || !hex.startsWith("0x")) {
      throw new IllegalArgumentException(
          "an address is 0x followed by 40 hex digits: " + Hex.abbreviate(hex));
    }
    Address parsed = new Address(Hex.decode(hex));
    String digits = hex.substring(2);
    boolean mixedCase =
        !digits.equals(digits.toLowerCase(java.util.Locale.ROOT))
            && !digits.equals(digits.toUpperCase(java.util.Locale.ROOT));
    if (mixedCase && !parsed.toChecksumHex().equals(hex)) {
      throw new IllegalArgumentException(
          "address has a bad EIP-55 checksum: "
              + hex
              + " (expected "
              + parsed.toChecksumHex()
              + ")");
    }
    return parsed;
  }

  /** The address of a 64-byte uncompressed public key (x ‖ y, without the 0x04 prefix). */
  public static Address fromPublicKey(byte[] uncompressedXy, int offset) {
    byte[] hash = Keccak.digest(uncompressedXy, offset, 64);
    return new Address(Arrays.copyOfRange(hash, 12, 32));
  }

  private static String checksum(byte[] bytes) {
    String lower = Hex.encode(bytes).substring(2);
    byte[] hash = Keccak.digest(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder(42).append("0x");
    for (int i = 0; i < 40; i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(bytes, 0, dest, offset, 20);
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  public String toChecksumHex() {
    String s = checksummed;
    if (s == null) {
      s = checksum(bytes);
      checksummed = s;
    }
    return s;
  }

  @Override
  public int compareTo(Address other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toChecksumHex();
  }
}

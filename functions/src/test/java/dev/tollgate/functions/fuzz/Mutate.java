package dev.tollgate.functions.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Small changes that always change a value: bit flips, other addresses, wrong JSON types. */
final class Mutate {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final String BASE64_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private Mutate() {}

  /** {@code hex} (0x-prefixed) with one bit flipped in bytes {@code [from, to)}. */
  static String flipBit(String hex, int from, int to, Random random) {
    byte[] bytes = Hex.decode(hex);
    int at = from + random.nextInt(Math.min(to, bytes.length) - from);
    bytes[at] ^= (byte) (1 << random.nextInt(8));
    return Hex.encode(bytes);
  }

  static String flipBit(String hex, Random random) {
    return flipBit(hex, 0, Hex.decode(hex).length, random);
  }

  /** An address that is none of {@code not}, checksummed. */
  static String otherAddress(Random random, Address... not) {
    while (true) {
      byte[] bytes = new byte[20];
      random.nextBytes(bytes);
      Address a = Address.of(bytes);
      if (!List.of(not).contains(a)) {
        return a.toString();
      }
    }
  }

  /** Hex of {@code n} random bytes. */
  static String randomHex(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return Hex.encode(bytes);
  }

  /**
   * Addresses that are not addresses: too short, too long, no prefix, non-hex, a bad EIP-55
   * checksum.
   */
  static String malformedAddress(Address valid, Random random) {
    String hex = valid.toChecksumHex();
    return switch (random.nextInt(7)) {
      case 0 -> hex.substring(0, 41);
      case 1 -> hex + "0";
      case 2 -> hex.substring(2);
      case 3 -> "0x" + "g".repeat(40);
      case 4 -> badChecksum(hex);
      case 5 -> "";
      default -> "0x";
    };
  }

  /** A mixed-case spelling of {@code checksummed} whose EIP-55 checksum is wrong. */
  static String badChecksum(String checksummed) {
    char[] c = checksummed.toCharArray();
    for (int i = 2; i < c.length; i++) {
      if (Character.isLetter(c[i])) {
        c[i] =
            Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
        String s = new String(c);
        String digits = s.substring(2);
        boolean mixed =
            !digits.equals(digits.toLowerCase(Locale.ROOT))
                && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixed) {
          return s;
        }
        c[i] = checksummed.charAt(i);
      }
    }
    // No letter to flip without losing mixed case: an address with a non-hex digit instead.
    return checksummed.substring(0, 41) + "z";
  }

  /** A JSON value of another type than {@code original}. */
  static JsonNode otherType(JsonNode original, Random random) {
    while (true) {
      JsonNode candidate = anyValue(original, random);
      if (candidate.getNodeType() != original.getNodeType()
          || (original.isNumber()
              && candidate.isNumber()
              && !sameNumberKind(original, candidate))) {
        return candidate;
      }
    }
  }

  private static boolean sameNumberKind(JsonNode a, JsonNode b) {
    return a.isIntegralNumber() == b.isIntegralNumber();
  }

  private static JsonNode anyValue(JsonNode original, Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> JSON.numberNode(random.nextInt(1_000_000));
      case 1 -> JSON.numberNode(-1 - random.nextInt(1000));
      case 2 -> JSON.numberNode(1.5);
      case 3 -> JSON.numberNode(BigInteger.ONE.shiftLeft(70 + random.nextInt(300)));
      case 4 -> JSON.textNode(printable(random, 1 + random.nextInt(40)));
      case 5 -> JSON.textNode("");
      case 6 -> JSON.booleanNode(random.nextBoolean());
      case 7 -> JSON.nullNode();
      case 8 -> JSON.arrayNode();
      case 9 -> JSON.arrayNode().add(original.deepCopy());
      case 10 -> JSON.objectNode();
      case 11 -> JSON.objectNode().set("value", original.deepCopy());
      case 12 ->
          JSON.textNode(original.isTextual() ? original.asText() + " " : original.toString());
      default -> JSON.numberNode(new java.math.BigDecimal("1e400"));
    };
  }

  /** Printable ASCII, no spaces. */
  static String printable(Random random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) (0x21 + random.nextInt(0x7e - 0x21 + 1)));
    }
    return out.toString();
  }

  static String base64Chars(Random random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(BASE64_ALPHABET.charAt(random.nextInt(BASE64_ALPHABET.length())));
    }
    return out.toString();
  }

  static <T> T pick(Random random, List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  @SafeVarargs
  static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }
}

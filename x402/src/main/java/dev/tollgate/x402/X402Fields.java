package dev.tollgate.x402;

import static dev.tollgate.x402.refusal.PaywallReason.INVALID_AMOUNT;
import static dev.tollgate.x402.refusal.PaywallReason.MALFORMED_PAYMENT_HEADER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.json.JsonFormatException;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.refusal.PaywallReason;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed fields out of one JSON object of an x402 message, failing with the field's path and
 * the {@link PaywallReason} it maps to (channel-core's reader is package-private, and its errors
 * carry no reason).
 */
final class X402Fields {
  private final JsonNode node;
  private final String path;

  private X402Fields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static X402Fields of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw malformed(
          path, "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
    }
    return new X402Fields(node, path);
  }

  String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  X402Fields object(String name) {
    return of(required(name), at(name));
  }

  Optional<X402Fields> optionalObject(String name) {
    return has(name) ? Optional.of(object(name)) : Optional.empty();
  }

  /** An object kept as it is (x402 {@code extensions}); a copy, since JSON trees are mutable. */
  Optional<ObjectNode> optionalRawObject(String name) {
    return optionalObject(name).map(f -> ((ObjectNode) f.node).deepCopy());
  }

  JsonNode node() {
    return node;
  }

  String text(String name) {
    JsonNode v = required(name);
    if (!v.isTextual()) {
      throw malformed(at(name), "expected a string, got " + v.getNodeType());
    }
    return v.asText();
  }

  String nonEmptyText(String name) {
    String s = text(name);
    if (s.isEmpty()) {
      throw malformed(at(name), "must not be empty");
    }
    return s;
  }

  Optional<String> optionalText(String name) {
    return has(name) ? Optional.of(text(name)) : Optional.empty();
  }

  boolean bool(String name) {
    JsonNode v = required(name);
    if (!v.isBoolean()) {
      throw malformed(at(name), "expected true or false, got " + v.getNodeType());
    }
    return v.asBoolean();
  }

  /** A non-negative integer that fits a long: versions, seconds. */
  long integer(String name) {
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw malformed(at(name), "expected a non-negative integer, got " + abbreviate(v));
    }
    return v.asLong();
  }

  Address address(String name) {
    return parse(name, MALFORMED_PAYMENT_HEADER, Address::fromHex);
  }

  Bytes32 bytes32(String name) {
    return parse(name, MALFORMED_PAYMENT_HEADER, Bytes32::fromHex);
  }

  /** A uint256 that is not an amount (timeouts, expiries): malformed if bad. */
  Uint256 uint(String name) {
    return parse(name, MALFORMED_PAYMENT_HEADER, Uint256::parse);
  }

  /**
   * Base units as a canonical decimal string; anything else is {@link
   * PaywallReason#INVALID_AMOUNT}.
   */
  Uint256 amount(String name) {
    return parse(name, INVALID_AMOUNT, Uint256::parse);
  }

  ChannelUpdate update(String name) {
    JsonNode v = required(name);
    try {
      return ChannelJson.update(v, at(name));
    } catch (JsonFormatException e) {
      throw malformed(e.path(), problemOf(e));
    }
  }

  /** Refuses fields outside {@code known}: for objects whose every field Tollgate defines. */
  void refuseUnknownFields(Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw malformed(at(Hex.abbreviate(name)), "unknown field (expected one of " + known + ")");
      }
    }
  }

  private <T> T parse(String name, PaywallReason reason, Function<String, T> parser) {
    JsonNode v = required(name);
    if (!v.isTextual()) {
      throw new X402FormatException(
          reason, at(name), "expected a string, got " + v.getNodeType() + " " + abbreviate(v));
    }
    try {
      return parser.apply(v.asText());
    } catch (IllegalArgumentException e) {
      throw new X402FormatException(reason, at(name), e.getMessage());
    }
  }

  private JsonNode required(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw malformed(at(name), "is missing");
    }
    return v;
  }

  static X402FormatException malformed(String path, String problem) {
    return new X402FormatException(MALFORMED_PAYMENT_HEADER, path, problem);
  }

  private static String abbreviate(JsonNode v) {
    return Hex.abbreviate(v.toString());
  }

  /** channel-core's message already starts with the path; keep only the problem. */
  private static String problemOf(JsonFormatException e) {
    String m = e.getMessage();
    String prefix = e.path() + ": ";
    return !e.path().isEmpty() && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }
}

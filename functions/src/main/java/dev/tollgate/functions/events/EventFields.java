package dev.tollgate.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.JsonFormatException;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads typed fields out of one object of a queued event, failing with the field's path
 * (channel-core's own field reader is package-private).
 */
final class EventFields {
  private final JsonNode node;
  private final String path;

  private EventFields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static EventFields of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new JsonFormatException(
          path, "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
    }
    return new EventFields(node, path);
  }

  String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  EventFields object(String name) {
    return of(required(name), at(name));
  }

  /** The raw node of a required field, for channel-core's readers. */
  JsonNode node(String name) {
    return required(name);
  }

  String text(String name) {
    return parse(name, s -> s);
  }

  Address address(String name) {
    return parse(name, Address::fromHex);
  }

  Bytes32 bytes32(String name) {
    return parse(name, Bytes32::fromHex);
  }

  Uint256 uint(String name) {
    return parse(name, Uint256::parse);
  }

  /** A non-negative integer that fits a long: block numbers, log indexes, nonces, timestamps. */
  long integer(String name) {
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new JsonFormatException(
          at(name), "expected a non-negative integer, got " + Hex.abbreviate(v.toString()));
    }
    return v.asLong();
  }

  <T> List<T> array(String name, BiFunction<JsonNode, String, T> element) {
    JsonNode v = required(name);
    if (!v.isArray()) {
      throw new JsonFormatException(at(name), "expected an array, got " + v.getNodeType());
    }
    List<T> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      out.add(element.apply(v.get(i), at(name) + "[" + i + "]"));
    }
    return out;
  }

  List<Address> addresses(String name) {
    return array(name, (n, p) -> parseText(n, p, Address::fromHex));
  }

  private <T> T parse(String name, Function<String, T> parser) {
    return parseText(required(name), at(name), parser);
  }

  private static <T> T parseText(JsonNode v, String path, Function<String, T> parser) {
    if (v == null || !v.isTextual()) {
      throw new JsonFormatException(
          path, "expected a string, got " + (v == null ? "nothing" : v.getNodeType()));
    }
    try {
      return parser.apply(v.asText());
    } catch (JsonFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, e.getMessage());
    }
  }

  private JsonNode required(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new JsonFormatException(at(name), "is missing");
    }
    return v;
  }
}

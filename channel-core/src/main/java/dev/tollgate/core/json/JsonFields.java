package dev.tollgate.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads typed fields out of one JSON object and reports failures with their path, so a payer sees
 * {@code latestUpdate.details.balance.amount[0]: ...} instead of a stack trace. Public for the
 * gateway's own JSON messages, which embed channel-core's forms.
 */
public final class JsonFields {
  private final JsonNode node;
  private final String path;

  private JsonFields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  public static JsonFields of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new JsonFormatException(
          path, "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
    }
    return new JsonFields(node, path);
  }

  String path() {
    return path;
  }

  JsonNode node() {
    return node;
  }

  boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  public JsonFields object(String name) {
    return of(required(name), at(name));
  }

  Optional<JsonFields> optionalObject(String name) {
    return has(name) ? Optional.of(object(name)) : Optional.empty();
  }

  public String text(String name) {
    JsonNode v = required(name);
    if (!v.isTextual()) {
      throw new JsonFormatException(at(name), "expected a string, got " + v.getNodeType());
    }
    return v.asText();
  }

  public Address address(String name) {
    return parse(name, Address::fromHex);
  }

  public Bytes32 bytes32(String name) {
    return parse(name, Bytes32::fromHex);
  }

  public Uint256 uint(String name) {
    return parse(name, Uint256::parse);
  }

  Signature signature(String name) {
    return parse(name, Signature::fromHex);
  }

  Optional<Signature> optionalSignature(String name) {
    return has(name) ? Optional.of(signature(name)) : Optional.empty();
  }

  byte[] bytes(String name) {
    return parse(name, Hex::decode);
  }

  /** A non-negative integer that fits a long: nonces and chain ids, numbers on vector's wire. */
  public long integer(String name) {
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

  public List<Address> addresses(String name) {
    return array(name, (n, p) -> parseText(n, p, Address::fromHex));
  }

  List<Uint256> uints(String name) {
    return array(name, (n, p) -> parseText(n, p, Uint256::parse));
  }

  List<String> texts(String name) {
    return array(name, (n, p) -> parseText(n, p, s -> s));
  }

  private <T> T parse(String name, java.util.function.Function<String, T> parser) {
    return parseText(required(name), at(name), parser);
  }

  static <T> T parseText(JsonNode v, String path, java.util.function.Function<String, T> parser) {
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

  /** The raw node of a required field, for the readers of nested forms. */
  public JsonNode required(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new JsonFormatException(at(name), "is missing");
    }
    return v;
  }

  /** The path of a field of this object, for nested readers. */
  public String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}

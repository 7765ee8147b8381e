package dev.tollgate.bench.cost;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size by DynamoDB's published rules
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * each attribute is its name's UTF-8 bytes plus its value; a string is its UTF-8 bytes, a number
 * about one byte per two significant digits plus one. Only the types the gateway writes (S, N).
 */
final class DynamoItemSize {
  private DynamoItemSize() {}

  static int of(Map<String, AttributeValue> item) {
    int size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8(e.getKey()) + valueSize(e.getKey(), e.getValue());
    }
    return size;
  }

  /** Each attribute's share (name and value), for seeing where an item's bytes go. */
  static Map<String, Integer> byAttribute(Map<String, AttributeValue> item) {
    Map<String, Integer> sizes = new java.util.TreeMap<>();
    item.forEach((name, value) -> sizes.put(name, utf8(name) + valueSize(name, value)));
    return sizes;
  }

  private static int valueSize(String name, AttributeValue value) {
    if (value.s() != null) {
      return utf8(value.s());
    }
    if (value.n() != null) {
      return numberSize(value.n());
    }
    throw new IllegalArgumentException(
        "attribute " + name + " is neither S nor N (" + value + "); size its type before using it");
  }

  /** Leading and trailing zeroes do not count; sign and decimal point are not digits. */
  static int numberSize(String number) {
    String digits = number.replace("-", "").replace(".", "");
    digits = digits.replaceAll("^0+", "").replaceAll("0+$", "");
    if (digits.isEmpty()) {
      return 1;
    }
    return (digits.length() + 1) / 2 + 1;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}

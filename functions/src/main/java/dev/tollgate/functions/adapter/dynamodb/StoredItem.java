package dev.tollgate.functions.adapter.dynamodb;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * An item read back from a table, with typed getters that say which item lacks which attribute: a
 * stored item missing a field is a broken table, never a value to guess.
 */
record StoredItem(String table, Map<String, AttributeValue> item) {
  StoredItem {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(item, "item");
  }

  /**
   * The item of {@code table} at {@code key}, read consistently (a write a moment ago is seen);
   * empty when there is none.
   */
  static Optional<StoredItem> read(
      DynamoDbClient dynamo, String table, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> raw =
        dynamo
            .getItem(
                GetItemRequest.builder().tableName(table).key(key).consistentRead(true).build())
            .item();
    return raw == null || raw.isEmpty()
        ? Optional.empty()
        : Optional.of(new StoredItem(table, raw));
  }

  static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }

  String string(String attribute) {
    AttributeValue value = item.get(attribute);
    if (value == null || value.s() == null) {
      throw broken(attribute, "a string");
    }
    return value.s();
  }

  long number(String attribute) {
    AttributeValue value = item.get(attribute);
    if (value == null || value.n() == null) {
      throw broken(attribute, "a number");
    }
    try {
      return Long.parseLong(value.n());
    } catch (NumberFormatException e) {
      throw broken(attribute, "a whole number that fits a long, not " + value.n());
    }
  }

  Address address(String attribute) {
    return Address.fromHex(string(attribute));
  }

  Bytes32 bytes32(String attribute) {
    return Bytes32.fromHex(string(attribute));
  }

  /** A uint256 kept as a decimal string: a DynamoDB number holds only 38 digits. */
  Uint256 uint256(String attribute) {
    return Uint256.parse(string(attribute));
  }

  private IllegalStateException broken(String attribute, String expected) {
    return new IllegalStateException(
        "item "
            + key()
            + " of table "
            + table
            + " has no "
            + attribute
            + " attribute holding "
            + expected);
  }

  private String key() {
    StringBuilder key = new StringBuilder();
    for (String name :
        new String[] {GatewayTables.PK, GatewayTables.SK, GatewayTables.CHANNEL_ADDRESS}) {
      AttributeValue value = item.get(name);
      if (value != null && value.s() != null) {
        key.append(key.length() == 0 ? "" : "/").append(value.s());
      }
    }
    return key.length() == 0 ? "(without key)" : key.toString();
  }
}

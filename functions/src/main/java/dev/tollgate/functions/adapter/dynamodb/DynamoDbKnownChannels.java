package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.CHANNEL_ADDRESS;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.events.KnownChannels;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Every channel address in the channels table, by a scan that reads only the key. A scan reads the
 * whole table each run, which is fine while channels number in the tens of thousands (a 42-byte key
 * each); beyond that, the channels would be listed from a narrower index.
 */
public final class DynamoDbKnownChannels implements KnownChannels {
  private final DynamoDbClient dynamo;
  private final String table;
  private final int pageSize;

  public DynamoDbKnownChannels(DynamoDbClient dynamo, TableNames tables) {
    this(dynamo, tables, 1_000);
  }

  /** With {@code pageSize} items per scan request: a test makes it small to cross pages. */
  public DynamoDbKnownChannels(DynamoDbClient dynamo, TableNames tables, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
    }
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(tables, "tables").channels();
    this.pageSize = pageSize;
  }

  @Override
  public Set<Address> all() {
    Set<Address> channels = new HashSet<>();
    ScanRequest scan =
        ScanRequest.builder()
            .tableName(table)
            .projectionExpression("#c")
            .expressionAttributeNames(Map.of("#c", CHANNEL_ADDRESS))
            .consistentRead(true)
            .limit(pageSize)
            .build();
    for (Map<String, AttributeValue> item : dynamo.scanPaginator(scan).items()) {
      channels.add(address(item));
    }
    return Set.copyOf(channels);
  }

  private Address address(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(CHANNEL_ADDRESS);
    if (value == null || value.s() == null) {
      throw new IllegalStateException(
          "an item of " + table + " has no string '" + CHANNEL_ADDRESS + "': " + item);
    }
    try {
      return Address.fromHex(value.s());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "an item of " + table + " has a bad " + CHANNEL_ADDRESS + ": " + e.getMessage(), e);
    }
  }
}

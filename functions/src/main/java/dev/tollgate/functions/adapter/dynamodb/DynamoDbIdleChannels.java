package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.CHANNEL_ADDRESS;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.disputes.IdleChannels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Scans the channels table for channels whose latest state waits for the payer's signature. The
 * channel store keeps {@link DynamoDbChannelStore#DOUBLE_SIGNED} only while the latest state is not
 * double-signed, so its presence is the test. The claim run is rare and bounded by {@code limit},
 * so a filtered scan, stopped as soon as enough are found, is cheaper than an index every payment
 * would write to.
 */
public final class DynamoDbIdleChannels implements IdleChannels {
  private final DynamoDbClient dynamo;
  private final TableNames tables;
  private final Integer pageSize;

  public DynamoDbIdleChannels(DynamoDbClient dynamo, TableNames tables) {
    this(dynamo, tables, null);
  }

  /** Scans at most {@code pageSize} items per request ({@code null}: DynamoDB's 1 MB pages). */
  DynamoDbIdleChannels(DynamoDbClient dynamo, TableNames tables, Integer pageSize) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
    if (pageSize != null && pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, got " + pageSize);
    }
    this.pageSize = pageSize;
  }

  @Override
  public List<Address> unacknowledgedSince(long updatedBefore, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<Address> idle = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder request =
          ScanRequest.builder()
              .tableName(tables.channels())
              .filterExpression("attribute_exists(#pending) AND #updated < :before")
              .projectionExpression("#channel")
              .expressionAttributeNames(
                  Map.of(
                      "#pending", DynamoDbChannelStore.DOUBLE_SIGNED,
                      "#updated", DynamoDbChannelStore.UPDATED_AT,
                      "#channel", CHANNEL_ADDRESS))
              .expressionAttributeValues(Map.of(":before", n(updatedBefore)))
              .limit(pageSize);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse page = dynamo.scan(request.build());
      for (Map<String, AttributeValue> item : page.items()) {
        if (idle.size() == limit) {
          break;
        }
        idle.add(new StoredItem(tables.channels(), item).address(CHANNEL_ADDRESS));
      }
      start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
    } while (start != null && idle.size() < limit);
    return idle;
  }
}

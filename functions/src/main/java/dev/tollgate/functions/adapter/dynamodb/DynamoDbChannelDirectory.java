package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.CHANNEL_ADDRESS;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.operator.ChannelDirectory;
import dev.tollgate.functions.operator.ChannelPage;
import dev.tollgate.functions.operator.ListedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Pages through the channels table with one Scan request per page, resuming after the last key the
 * previous page returned. A page reads only what a listing shows (not the double-signed state a
 * channel may also keep) and is eventually consistent: a listing is a report, not a basis for a
 * write.
 */
public final class DynamoDbChannelDirectory implements ChannelDirectory {
  private final DynamoDbClient dynamo;
  private final TableNames tables;

  public DynamoDbChannelDirectory(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  @Override
  public ChannelPage page(Optional<Address> after, int limit) {
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    ScanRequest.Builder request =
        ScanRequest.builder()
            .tableName(tables.channels())
            .limit(limit)
            .projectionExpression("#c, #l, #u, #d")
            .expressionAttributeNames(
                Map.of(
                    "#c", CHANNEL_ADDRESS,
                    "#l", DynamoDbChannelStore.LATEST,
                    "#u", DynamoDbChannelStore.UPDATED_AT,
                    "#d", DynamoDbChannelStore.DISPUTED_NONCE));
    after.ifPresent(
        address -> request.exclusiveStartKey(Map.of(CHANNEL_ADDRESS, s(address.toChecksumHex()))));
    ScanResponse page = dynamo.scan(request.build());
    List<ListedChannel> channels = new ArrayList<>(page.items().size());
    for (Map<String, AttributeValue> raw : page.items()) {
      StoredItem item = new StoredItem(tables.channels(), raw);
      channels.add(
          new ListedChannel(
              DynamoDbChannelStore.channel(raw, DynamoDbChannelStore.LATEST),
              item.number(DynamoDbChannelStore.UPDATED_AT),
              raw.containsKey(DynamoDbChannelStore.DISPUTED_NONCE)));
    }
    Optional<Address> next =
        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
            ? Optional.of(
                new StoredItem(tables.channels(), page.lastEvaluatedKey()).address(CHANNEL_ADDRESS))
            : Optional.empty();
    return new ChannelPage(channels, next);
  }
}

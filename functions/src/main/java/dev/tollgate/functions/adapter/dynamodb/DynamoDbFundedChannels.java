package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.CHANNEL_ADDRESS;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.NONCE;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.PK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.SK;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.deposits.FundedChannels;
import dev.tollgate.functions.events.KnownChannels;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The funded channels, the ones the watcher reads: one item per channel in one partition of the
 * chain table ({@code pk} = {@code funded}, {@code sk} = the channel's address), read by a query
 * whose cost grows with the funded channels only, never with channels merely opened.
 *
 * <p>A table written before funded channels were recorded has none: the first read finds no {@link
 * #BACKFILLED} item, so it lists, once, every channel whose stored nonce is past its setup (its
 * first update after setup can only be a deposit), records them, and then writes the item. Until it
 * is written every read backfills again, which is idempotent.
 */
public final class DynamoDbFundedChannels implements KnownChannels, FundedChannels {
  static final String FUNDED = "funded";

  /** Sorts after every address ({@code 0x…}); not an address, so never a channel. */
  static final String BACKFILLED = "~backfilled";

  private final DynamoDbClient dynamo;
  private final TableNames tables;

  public DynamoDbFundedChannels(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  @Override
  public void funded(Address channel) {
    Objects.requireNonNull(channel, "channel");
    dynamo.putItem(b -> b.tableName(tables.chain()).item(key(channel.toChecksumHex())));
  }

  @Override
  public Set<Address> all() {
    Set<Address> channels = new HashSet<>();
    boolean backfilled = false;
    QueryRequest query =
        QueryRequest.builder()
            .tableName(tables.chain())
            .keyConditionExpression("#pk = :funded")
            .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
            .expressionAttributeValues(Map.of(":funded", s(FUNDED)))
            .projectionExpression("#sk")
            .consistentRead(true)
            .build();
    for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
      String sk = new StoredItem(tables.chain(), item).string(SK);
      if (sk.equals(BACKFILLED)) {
        backfilled = true;
      } else {
        channels.add(address(tables.chain(), sk));
      }
    }
    if (!backfilled) {
      channels.addAll(backfill());
    }
    return Set.copyOf(channels);
  }

  /** Records every channel past its setup as funded, then that this was done. */
  private Set<Address> backfill() {
    Set<Address> found = new HashSet<>();
    ScanRequest scan =
        ScanRequest.builder()
            .tableName(tables.channels())
            .filterExpression("#nonce > :setup")
            .projectionExpression("#c")
            .expressionAttributeNames(Map.of("#c", CHANNEL_ADDRESS, "#nonce", NONCE))
            .expressionAttributeValues(Map.of(":setup", n(1)))
            .consistentRead(true)
            .build();
    for (Map<String, AttributeValue> item : dynamo.scanPaginator(scan).items()) {
      AttributeValue value = item.get(CHANNEL_ADDRESS);
      if (value == null || value.s() == null) {
        throw new IllegalStateException(
            "an item of "
                + tables.channels()
                + " has no string '"
                + CHANNEL_ADDRESS
                + "': "
                + item);
      }
      Address channel = address(tables.channels(), value.s());
      funded(channel);
      found.add(channel);
    }
    dynamo.putItem(b -> b.tableName(tables.chain()).item(key(BACKFILLED)));
    return found;
  }

  private static Map<String, AttributeValue> key(String sk) {
    return Map.of(PK, s(FUNDED), SK, s(sk));
  }

  private static Address address(String table, String value) {
    try {
      return Address.fromHex(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "an item of " + table + " has a bad channel address: " + e.getMessage(), e);
    }
  }
}

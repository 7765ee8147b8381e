package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.PK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.SK;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.deposits.ConfirmedDeposits;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Confirmed deposit totals in the chain table, one item per channel and asset ({@code pk} =
 * channel, {@code sk} = {@code deposits#<asset>}). Each write is conditional on its block being
 * newer than the stored one, so readers racing at different blocks leave the newest totals.
 */
public final class DynamoDbConfirmedDeposits implements ConfirmedDeposits {
  static final String DEPOSITS_PREFIX = "deposits#";
  static final String ALICE = "totalDepositsAlice";
  static final String BOB = "totalDepositsBob";
  static final String BLOCK = "block";

  private final DynamoDbClient dynamo;
  private final TableNames tables;

  public DynamoDbConfirmedDeposits(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  @Override
  public Optional<ConfirmedTotals> find(Address channel, Address assetId) {
    return StoredItem.read(dynamo, tables.chain(), key(channel, assetId))
        .map(
            item ->
                new ConfirmedTotals(
                    new DepositTotals(item.uint256(ALICE), item.uint256(BOB)), item.number(BLOCK)));
  }

  @Override
  public boolean record(Address channel, Address assetId, DepositTotals totals, long block) {
    Objects.requireNonNull(totals, "totals");
    if (block < 0) {
      throw new IllegalArgumentException("block must not be negative, got " + block);
    }
    Map<String, AttributeValue> item = new HashMap<>(key(channel, assetId));
    item.put(ALICE, s(totals.alice().toDecimal()));
    item.put(BOB, s(totals.bob().toDecimal()));
    item.put(BLOCK, n(block));
    try {
      dynamo.putItem(
          PutItemRequest.builder()
              .tableName(tables.chain())
              .item(item)
              .conditionExpression("attribute_not_exists(#pk) OR #block < :block")
              .expressionAttributeNames(Map.of("#pk", PK, "#block", BLOCK))
              .expressionAttributeValues(Map.of(":block", n(block)))
              .build());
      return true;
    } catch (ConditionalCheckFailedException sameOrNewerStored) {
      return false;
    }
  }

  private static Map<String, AttributeValue> key(Address channel, Address assetId) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(assetId, "assetId");
    return Map.of(PK, s(channel.toChecksumHex()), SK, s(DEPOSITS_PREFIX + assetId.toChecksumHex()));
  }
}

package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.PK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.SK;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;

import dev.tollgate.functions.events.CursorMovedException;
import dev.tollgate.functions.events.WatchCursor;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A chain reader's cursor: one item of the chain table ({@code pk = cursor}, {@code sk} = the
 * reader's name: {@code watcher} for the watcher, {@code keeper} for the keeper's dispute scan),
 * moved by a put conditional on the block the mover read. A failed condition returns the stored
 * item, which becomes the {@link CursorMovedException}.
 */
public final class DynamoDbWatchCursor implements WatchCursor {
  static final String CURSOR = "cursor";
  static final String WATCHER = "watcher";
  static final String KEEPER = "keeper";
  static final String BLOCK = "block";

  private final DynamoDbClient dynamo;
  private final String table;
  private final String name;

  /** The watcher's cursor. */
  public DynamoDbWatchCursor(DynamoDbClient dynamo, TableNames tables) {
    this(dynamo, tables, WATCHER);
  }

  private DynamoDbWatchCursor(DynamoDbClient dynamo, TableNames tables, String name) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(tables, "tables").chain();
    this.name = name;
  }

  /** The cursor of the keeper's own scan for disputes, apart from the watcher's. */
  public static DynamoDbWatchCursor keeper(DynamoDbClient dynamo, TableNames tables) {
    return new DynamoDbWatchCursor(dynamo, tables, KEEPER);
  }

  @Override
  public OptionalLong lastBlock() {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                GetItemRequest.builder().tableName(table).key(key()).consistentRead(true).build())
            .item();
    return block(item);
  }

  @Override
  public void advance(OptionalLong expected, long next) throws CursorMovedException {
    WatchCursor.checkMove(expected, next);
    PutItemRequest.Builder put =
        PutItemRequest.builder()
            .tableName(table)
            .item(
                Map.of(
                    PK, AttributeValue.fromS(CURSOR),
                    SK, AttributeValue.fromS(name),
                    BLOCK, n(next)))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (expected.isPresent()) {
      put.conditionExpression("#b = :expected")
          .expressionAttributeNames(Map.of("#b", BLOCK))
          .expressionAttributeValues(Map.of(":expected", n(expected.getAsLong())));
    } else {
      put.conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", PK));
    }
    try {
      dynamo.putItem(put.build());
    } catch (ConditionalCheckFailedException e) {
      // An emulator may omit the old item; then it is read, consistently, after the fact.
      OptionalLong stored = e.hasItem() && !e.item().isEmpty() ? block(e.item()) : lastBlock();
      throw new CursorMovedException(expected, stored);
    }
  }

  private Map<String, AttributeValue> key() {
    return Map.of(PK, AttributeValue.fromS(CURSOR), SK, AttributeValue.fromS(name));
  }

  private OptionalLong block(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return OptionalLong.empty();
    }
    AttributeValue block = item.get(BLOCK);
    if (block == null || block.n() == null) {
      throw new IllegalStateException(
          "the " + name + " cursor in " + table + " has no numeric '" + BLOCK + "': " + item);
    }
    try {
      return OptionalLong.of(Long.parseLong(block.n()));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "the " + name + " cursor in " + table + " holds a block that is not a long: " + block.n(),
          e);
    }
  }
}

package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.PK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.SK;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.functions.gateway.RateCounters;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Rate counters in the chain table, one item per key and window ({@code pk} = {@code rate#<key>},
 * {@code sk} = the window's start), each carrying {@link GatewayTables#TTL_ATTRIBUTE} so DynamoDB
 * deletes it after its window. The counters of one request move in one transaction, each
 * conditional on being below its limit: a refused request changes none of them, and containers
 * racing on one counter never count past the limit.
 */
public final class DynamoDbRateCounters implements RateCounters {
  static final String RATE_PREFIX = "rate#";
  static final String COUNT = "count";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbRateCounters(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(tables, "tables").chain();
  }

  @Override
  public boolean takeAll(List<Take> takes, long windowStart, long expiresAt) {
    if (takes.isEmpty()) {
      return true;
    }
    List<TransactWriteItem> items =
        takes.stream()
            .map(
                take ->
                    TransactWriteItem.builder()
                        .update(
                            Update.builder()
                                .tableName(table)
                                .key(
                                    Map.of(
                                        PK,
                                        s(RATE_PREFIX + take.key()),
                                        SK,
                                        s(Long.toString(windowStart))))
                                .updateExpression("ADD #count :one SET #expires = :expires")
                                .conditionExpression(
                                    "attribute_not_exists(#count) OR #count < :limit")
                                .expressionAttributeNames(
                                    Map.of(
                                        "#count", COUNT, "#expires", GatewayTables.TTL_ATTRIBUTE))
                                .expressionAttributeValues(
                                    Map.of(
                                        ":one", n(1),
                                        ":limit", n(take.limit()),
                                        ":expires", n(expiresAt)))
                                .build())
                        .build())
            .toList();
    try {
      dynamo.transactWriteItems(b -> b.transactItems(items));
      return true;
    } catch (TransactionCanceledException e) {
      if (e.hasCancellationReasons()
          && e.cancellationReasons().stream()
              .map(CancellationReason::code)
              .anyMatch("ConditionalCheckFailed"::equals)) {
        return false;
      }
      throw e;
    }
  }
}

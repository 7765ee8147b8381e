package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.TRANSFER_ID;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.paywall.PaymentRecords;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Resends on the payment's own transfer record (the transfers table): attribute {@code resends},
 * the highest resend number served. No item of its own, so a payment never served again costs
 * nothing, and the record goes wherever the transfer's goes.
 */
public final class DynamoDbPaymentRecords implements PaymentRecords {
  static final String RESENDS = "resends";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbPaymentRecords(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(tables, "tables").transfers();
  }

  @Override
  public boolean claimResend(Bytes32 transferId, long n) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(Map.of(TRANSFER_ID, s(transferId.toHex())))
                  .updateExpression("SET #r = :n")
                  // Only on the transfer's record (never creating one), and only upward: two
                  // copies of one proof at once cannot both pass.
                  .conditionExpression(
                      "attribute_exists(#t) AND (attribute_not_exists(#r) OR #r < :n)")
                  .expressionAttributeNames(Map.of("#r", RESENDS, "#t", TRANSFER_ID))
                  .expressionAttributeValues(Map.of(":n", n(n))));
      return true;
    } catch (ConditionalCheckFailedException used) {
      return false;
    }
  }

  @Override
  public Optional<Long> resolvedNonce(Bytes32 transferId) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Map.of(TRANSFER_ID, s(transferId.toHex())))
                        .consistentRead(true))
            .item();
    if (item == null || !item.containsKey(DynamoDbChannelStore.RESOLVED_NONCE)) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(item.get(DynamoDbChannelStore.RESOLVED_NONCE).n()));
  }
}

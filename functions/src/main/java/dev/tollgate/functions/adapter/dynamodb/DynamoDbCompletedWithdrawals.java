package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.PK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.SK;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.withdrawals.CompletedWithdrawals;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Completed withdrawals in the chain table ({@code pk} = channel, {@code sk} = {@code
 * withdrawal#<withdrawDataHash>}), written once. A redelivered event finds its own record and
 * changes nothing; a different transaction for the same withdraw data cannot happen on one chain
 * (the contract refuses a withdrawal twice), so it is reported rather than overwritten.
 */
public final class DynamoDbCompletedWithdrawals implements CompletedWithdrawals {
  static final String WITHDRAWAL_PREFIX = "withdrawal#";
  static final String ASSET_ID = "assetId";
  static final String RECIPIENT = "recipient";
  static final String AMOUNT = "amount";
  static final String TX_HASH = "txHash";
  static final String BLOCK = "block";

  private final DynamoDbClient dynamo;
  private final TableNames tables;

  public DynamoDbCompletedWithdrawals(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  @Override
  public void record(CompletedWithdrawal withdrawal) {
    Objects.requireNonNull(withdrawal, "withdrawal");
    Objects.requireNonNull(withdrawal.assetId(), "withdrawal.assetId");
    Objects.requireNonNull(withdrawal.recipient(), "withdrawal.recipient");
    Objects.requireNonNull(withdrawal.amount(), "withdrawal.amount");
    Objects.requireNonNull(withdrawal.txHash(), "withdrawal.txHash");
    Map<String, AttributeValue> item =
        new HashMap<>(key(withdrawal.channel(), withdrawal.withdrawDataHash()));
    item.put(ASSET_ID, s(withdrawal.assetId().toChecksumHex()));
    item.put(RECIPIENT, s(withdrawal.recipient().toChecksumHex()));
    item.put(AMOUNT, s(withdrawal.amount().toDecimal()));
    item.put(TX_HASH, s(withdrawal.txHash().toHex()));
    item.put(BLOCK, n(withdrawal.block()));
    try {
      dynamo.putItem(
          PutItemRequest.builder()
              .tableName(tables.chain())
              .item(item)
              .conditionExpression("attribute_not_exists(#pk)")
              .expressionAttributeNames(Map.of("#pk", PK))
              .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
              .build());
    } catch (ConditionalCheckFailedException alreadyStored) {
      Bytes32 storedTx = new StoredItem(tables.chain(), alreadyStored.item()).bytes32(TX_HASH);
      if (!storedTx.equals(withdrawal.txHash())) {
        throw new IllegalStateException(
            "withdrawal "
                + withdrawal.withdrawDataHash()
                + " of channel "
                + withdrawal.channel()
                + " is already recorded as completed by transaction "
                + storedTx
                + ", not by "
                + withdrawal.txHash());
      }
    }
  }

  @Override
  public Optional<CompletedWithdrawal> find(Address channel, Bytes32 withdrawDataHash) {
    return StoredItem.read(dynamo, tables.chain(), key(channel, withdrawDataHash))
        .map(
            item ->
                new CompletedWithdrawal(
                    channel,
                    withdrawDataHash,
                    item.address(ASSET_ID),
                    item.address(RECIPIENT),
                    item.uint256(AMOUNT),
                    item.bytes32(TX_HASH),
                    item.number(BLOCK)));
  }

  private static Map<String, AttributeValue> key(Address channel, Bytes32 withdrawDataHash) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(withdrawDataHash, "withdrawDataHash");
    return Map.of(
        PK, s(channel.toChecksumHex()), SK, s(WITHDRAWAL_PREFIX + withdrawDataHash.toHex()));
  }
}

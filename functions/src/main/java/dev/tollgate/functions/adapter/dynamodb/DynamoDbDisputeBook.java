package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.OPEN_DISPUTE;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.OPEN_DISPUTES_INDEX;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.PK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.SK;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.disputes.DisputeBook;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.disputes.DisputeRecordChangedException;
import dev.tollgate.functions.disputes.DisputeStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Dispute records in the chain table, one item per channel ({@code pk} = channel, {@code sk} =
 * {@code dispute}), each write conditional on the version the writer read. An unfinished record
 * also carries the {@link GatewayTables#OPEN_DISPUTES_INDEX} key, so the keeper's round queries
 * that sparse index rather than scanning a table that grows with every processed event.
 */
public final class DynamoDbDisputeBook implements DisputeBook {
  static final String DISPUTE = "dispute";
  static final String DISPUTED_NONCE = "disputedNonce";
  static final String DISPUTER = "disputer";
  static final String CONSENSUS_EXPIRY = "consensusExpiry";
  static final String DEFUND_EXPIRY = "defundExpiry";
  static final String STAGE = "stage";
  static final String LAST_ACTION = "lastAction";
  static final String UPDATED_AT = "updatedAt";
  static final String VERSION = "version";

  /** The one partition of the open-disputes index: disputes are rare, so it never runs hot. */
  static final String OPEN = "open";

  private final DynamoDbClient dynamo;
  private final TableNames tables;

  public DynamoDbDisputeBook(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  @Override
  public Optional<DisputeRecord> find(Address channel) {
    Objects.requireNonNull(channel, "channel");
    return StoredItem.read(
            dynamo, tables.chain(), Map.of(PK, s(channel.toChecksumHex()), SK, s(DISPUTE)))
        .map(item -> record(item.item()));
  }

  /**
   * Read from an index, so a record saved a moment ago may be missing or stale; the keeper reads
   * each channel's record afresh with {@link #find} before acting, and the next round sees it.
   */
  @Override
  public List<DisputeRecord> unfinished() {
    List<DisputeRecord> open = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder request =
          QueryRequest.builder()
              .tableName(tables.chain())
              .indexName(OPEN_DISPUTES_INDEX)
              .keyConditionExpression("#o = :open")
              .expressionAttributeNames(Map.of("#o", OPEN_DISPUTE))
              .expressionAttributeValues(Map.of(":open", s(OPEN)));
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      QueryResponse page = dynamo.query(request.build());
      for (Map<String, AttributeValue> item : page.items()) {
        open.add(record(item));
      }
      start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
    } while (start != null);
    return open;
  }

  @Override
  public void save(DisputeRecord record) throws DisputeRecordChangedException {
    Objects.requireNonNull(record, "record");
    PutItemRequest.Builder put =
        PutItemRequest.builder()
            .tableName(tables.chain())
            .item(item(record))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (record.version() == 1) {
      put.conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", PK));
    } else {
      put.conditionExpression("#v = :previous")
          .expressionAttributeNames(Map.of("#v", VERSION))
          .expressionAttributeValues(Map.of(":previous", n(record.version() - 1)));
    }
    try {
      dynamo.putItem(put.build());
    } catch (ConditionalCheckFailedException changed) {
      Map<String, AttributeValue> stored = changed.item();
      throw new DisputeRecordChangedException(
          record,
          stored == null || stored.isEmpty() ? Optional.empty() : Optional.of(record(stored)));
    }
  }

  private static Map<String, AttributeValue> item(DisputeRecord record) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(record.channel().toChecksumHex()));
    item.put(SK, s(DISPUTE));
    item.put(DISPUTED_NONCE, n(record.disputedNonce()));
    item.put(DISPUTER, s(record.disputer().toChecksumHex()));
    item.put(CONSENSUS_EXPIRY, n(record.consensusExpiry()));
    item.put(DEFUND_EXPIRY, n(record.defundExpiry()));
    item.put(STAGE, s(record.stage().name()));
    item.put(LAST_ACTION, s(record.lastAction()));
    item.put(UPDATED_AT, n(record.updatedAt()));
    item.put(VERSION, n(record.version()));
    if (!record.stage().isFinished()) {
      item.put(OPEN_DISPUTE, s(OPEN));
    }
    return item;
  }

  private DisputeRecord record(Map<String, AttributeValue> raw) {
    StoredItem item = new StoredItem(tables.chain(), raw);
    String stage = item.string(STAGE);
    DisputeStage parsed;
    try {
      parsed = DisputeStage.valueOf(stage);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "dispute record of " + item.string(PK) + " has an unknown stage '" + stage + "'", e);
    }
    return new DisputeRecord(
        item.address(PK),
        item.number(DISPUTED_NONCE),
        item.address(DISPUTER),
        item.number(CONSENSUS_EXPIRY),
        item.number(DEFUND_EXPIRY),
        parsed,
        item.string(LAST_ACTION),
        item.number(UPDATED_AT),
        item.number(VERSION));
  }
}

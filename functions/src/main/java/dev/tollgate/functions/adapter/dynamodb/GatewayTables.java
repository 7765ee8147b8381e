package dev.tollgate.functions.adapter.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates the gateway's tables where nothing else does (the local stack, tests). In AWS the CDK app
 * owns them; the key schemas and indexes here and there must stay the same: the chain table's
 * {@link #OPEN_DISPUTES_INDEX} and the transfers table's {@link PaymentsIndex#NAME}.
 */
public final class GatewayTables {
  static final String CHANNEL_ADDRESS = "channelAddress";
  static final String NONCE = "nonce";
  static final String TRANSFER_ID = "transferId";
  static final String PK = "pk";
  static final String SK = "sk";

  /**
   * A sparse index of the chain table: only a dispute record that is not yet settled or lost
   * carries {@link #OPEN_DISPUTE}, so the keeper's round reads the open disputes alone instead of
   * scanning every deposit, withdrawal and processed event. Partition {@code openDispute} (one
   * constant value), sort {@code pk}, every attribute projected.
   */
  static final String OPEN_DISPUTES_INDEX = "openDisputes";

  static final String OPEN_DISPUTE = "openDispute";

  /**
   * The chain table's time-to-live attribute, in epoch seconds as DynamoDB's TTL reads it. Only
   * processed-event records ({@link DynamoDbProcessedEvents}: they matter only while the event
   * queue may still deliver their event again) and rate counters ({@link DynamoDbRateCounters}:
   * they matter only during their window) carry it. Deposits, funded channels, disputes,
   * withdrawals, the cursor and the nonce ledger are money history and never expire. The CDK app
   * enables TTL on the chain table with this name.
   */
  public static final String TTL_ATTRIBUTE = "expiresAt";

  private GatewayTables() {}

  public static void createIfMissing(DynamoDbClient dynamo, TableNames tables) {
    create(dynamo, tables.channels(), key(CHANNEL_ADDRESS, ScalarAttributeType.S), null, null);
    create(
        dynamo,
        tables.updates(),
        key(CHANNEL_ADDRESS, ScalarAttributeType.S),
        key(NONCE, ScalarAttributeType.N),
        null);
    create(
        dynamo,
        tables.transfers(),
        key(TRANSFER_ID, ScalarAttributeType.S),
        null,
        new Index(
            PaymentsIndex.NAME,
            key(PaymentsIndex.PAY_DAY, ScalarAttributeType.S),
            key(PaymentsIndex.PAID_AT, ScalarAttributeType.N)));
    Key pk = key(PK, ScalarAttributeType.S);
    create(
        dynamo,
        tables.chain(),
        pk,
        key(SK, ScalarAttributeType.S),
        new Index(OPEN_DISPUTES_INDEX, key(OPEN_DISPUTE, ScalarAttributeType.S), pk));
    enableTimeToLive(dynamo, tables.chain());
  }

  /**
   * Turns TTL on for {@link #TTL_ATTRIBUTE}, also on a table created before there was one. A table
   * whose TTL is on for another attribute is refused: its processed-event records would never
   * expire.
   */
  private static void enableTimeToLive(DynamoDbClient dynamo, String table) {
    TimeToLiveDescription current =
        dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
    TimeToLiveStatus status = current.timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      if (!TTL_ATTRIBUTE.equals(current.attributeName())) {
        throw new IllegalStateException(
            "table "
                + table
                + " has time to live on attribute '"
                + current.attributeName()
                + "', expected '"
                + TTL_ATTRIBUTE
                + "'");
      }
      return;
    }
    try {
      dynamo.updateTimeToLive(
          r ->
              r.tableName(table)
                  .timeToLiveSpecification(
                      TimeToLiveSpecification.builder()
                          .attributeName(TTL_ATTRIBUTE)
                          .enabled(true)
                          .build()));
    } catch (DynamoDbException e) {
      // Two local stacks starting together: the other one turned it on first.
      if (e.getMessage() == null || !e.getMessage().contains("already enabled")) {
        throw e;
      }
    }
  }

  private record Key(String name, ScalarAttributeType type) {}

  private record Index(String name, Key partition, Key sort) {}

  private static Key key(String name, ScalarAttributeType type) {
    return new Key(name, type);
  }

  private static void create(
      DynamoDbClient dynamo, String table, Key partition, Key sort, Index index) {
    // Each key attribute is defined once, however many key schemas name it.
    Map<String, Key> defined = new LinkedHashMap<>();
    defined.put(partition.name(), partition);
    if (sort != null) {
      defined.put(sort.name(), sort);
    }
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(table)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .keySchema(keySchema(partition, sort));
    if (index != null) {
      defined.put(index.partition().name(), index.partition());
      defined.put(index.sort().name(), index.sort());
      request.globalSecondaryIndexes(
          GlobalSecondaryIndex.builder()
              .indexName(index.name())
              .keySchema(keySchema(index.partition(), index.sort()))
              .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
              .build());
    }
    request.attributeDefinitions(
        defined.values().stream()
            .map(
                k ->
                    AttributeDefinition.builder()
                        .attributeName(k.name())
                        .attributeType(k.type())
                        .build())
            .toList());
    try {
      dynamo.createTable(request.build());
    } catch (ResourceInUseException alreadyThere) {
      // Creating is idempotent: a restarted local stack finds its tables.
    }
  }

  private static List<KeySchemaElement> keySchema(Key partition, Key sort) {
    List<KeySchemaElement> schema = new ArrayList<>();
    schema.add(
        KeySchemaElement.builder().attributeName(partition.name()).keyType(KeyType.HASH).build());
    if (sort != null) {
      schema.add(
          KeySchemaElement.builder().attributeName(sort.name()).keyType(KeyType.RANGE).build());
    }
    return schema;
  }
}

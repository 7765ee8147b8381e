package dev.tollgate.functions.adapter.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the gateway's tables where nothing else does (the local stack, tests). In AWS the CDK app
 * owns them; the key schema here and there must stay the same.
 */
public final class GatewayTables {
  static final String CHANNEL_ADDRESS = "channelAddress";
  static final String NONCE = "nonce";
  static final String TRANSFER_ID = "transferId";
  static final String PK = "pk";
  static final String SK = "sk";

  private GatewayTables() {}

  public static void createIfMissing(DynamoDbClient dynamo, TableNames tables) {
    create(dynamo, tables.channels(), key(CHANNEL_ADDRESS, ScalarAttributeType.S), null);
    create(
        dynamo,
        tables.updates(),
        key(CHANNEL_ADDRESS, ScalarAttributeType.S),
        key(NONCE, ScalarAttributeType.N));
    create(dynamo, tables.transfers(), key(TRANSFER_ID, ScalarAttributeType.S), null);
    create(dynamo, tables.chain(), key(PK, ScalarAttributeType.S), key(SK, ScalarAttributeType.S));
  }

  private record Key(String name, ScalarAttributeType type) {}

  private static Key key(String name, ScalarAttributeType type) {
    return new Key(name, type);
  }

  private static void create(DynamoDbClient dynamo, String table, Key partition, Key sort) {
    List<Key> keys = sort == null ? List.of(partition) : List.of(partition, sort);
    try {
      dynamo.createTable(
          CreateTableRequest.builder()
              .tableName(table)
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .attributeDefinitions(
                  keys.stream()
                      .map(
                          k ->
                              AttributeDefinition.builder()
                                  .attributeName(k.name())
                                  .attributeType(k.type())
                                  .build())
                      .toList())
              .keySchema(
                  keys.stream()
                      .map(
                          k ->
                              KeySchemaElement.builder()
                                  .attributeName(k.name())
                                  .keyType(k == partition ? KeyType.HASH : KeyType.RANGE)
                                  .build())
                      .toList())
              .build());
    } catch (ResourceInUseException alreadyThere) {
      // Creating is idempotent: a restarted local stack finds its tables.
    }
  }
}

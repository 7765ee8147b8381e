package dev.tollgate.infra.stack;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The gateway's four tables, with the key schemas and indexes the functions' DynamoDB adapters use
 * (the functions module's {@code GatewayTables.createIfMissing} creates the same ones locally; a
 * test holds the two together). Money history lives here, so every table is on-demand, keeps
 * point-in-time recovery, refuses deletion and outlives the stack.
 */
public final class GatewayTables extends Construct {
  /** The chain table's sparse index of unfinished disputes. */
  public static final String OPEN_DISPUTES_INDEX = "openDisputes";

  /** The transfers table's sparse index of payments by UTC day and shard. */
  public static final String PAYMENTS_BY_DAY_INDEX = "paymentsByDay";

  /**
   * The chain table's TTL attribute: only processed-event idempotency records and the setup rate
   * counters carry it.
   */
  public static final String TTL_ATTRIBUTE = "expiresAt";

  private final Table channels;
  private final Table updates;
  private final Table transfers;
  private final Table chain;

  public GatewayTables(Construct scope, String id, String prefix) {
    super(scope, id);
    channels = table("Channels", prefix + "channels", key("channelAddress", AttributeType.STRING));
    updates =
        table(
            "Updates",
            prefix + "updates",
            key("channelAddress", AttributeType.STRING),
            key("nonce", AttributeType.NUMBER),
            null);
    transfers = table("Transfers", prefix + "transfers", key("transferId", AttributeType.STRING));
    transfers.addGlobalSecondaryIndex(
        GlobalSecondaryIndexProps.builder()
            .indexName(PAYMENTS_BY_DAY_INDEX)
            .partitionKey(key("payDay", AttributeType.STRING))
            .sortKey(key("paidAt", AttributeType.NUMBER))
            .projectionType(ProjectionType.ALL)
            .build());
    chain =
        table(
            "Chain",
            prefix + "chain",
            key("pk", AttributeType.STRING),
            key("sk", AttributeType.STRING),
            TTL_ATTRIBUTE);
    chain.addGlobalSecondaryIndex(
        GlobalSecondaryIndexProps.builder()
            .indexName(OPEN_DISPUTES_INDEX)
            .partitionKey(key("openDispute", AttributeType.STRING))
            .sortKey(key("pk", AttributeType.STRING))
            .projectionType(ProjectionType.ALL)
            .build());
  }

  public Table channels() {
    return channels;
  }

  public Table updates() {
    return updates;
  }

  public Table transfers() {
    return transfers;
  }

  public Table chain() {
    return chain;
  }

  private Table table(String id, String name, Attribute partition) {
    return table(id, name, partition, null, null);
  }

  private Table table(String id, String name, Attribute partition, Attribute sort, String ttl) {
    Table.Builder builder =
        Table.Builder.create(this, id)
            .tableName(name)
            .partitionKey(partition)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .encryption(TableEncryption.AWS_MANAGED)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .deletionProtection(true)
            .removalPolicy(RemovalPolicy.RETAIN);
    if (sort != null) {
      builder.sortKey(sort);
    }
    if (ttl != null) {
      builder.timeToLiveAttribute(ttl);
    }
    return builder.build();
  }

  private static Attribute key(String name, AttributeType type) {
    return Attribute.builder().name(name).type(type).build();
  }
}

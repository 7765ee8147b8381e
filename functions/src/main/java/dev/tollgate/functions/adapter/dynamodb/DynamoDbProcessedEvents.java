package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.PK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.SK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.TTL_ATTRIBUTE;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.core.port.Clock;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.EventOrigin;
import dev.tollgate.functions.events.ProcessedEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Processed events in the chain table, keyed by their place on chain ({@code pk} = channel, {@code
 * sk} = {@code event#<block, 12 digits>#<log index, 6 digits>}) so a channel's items sort in chain
 * order. The place alone does not identify a log (a reorganised block puts another log there), so
 * an event counts as processed only when the stored transaction hash is its own.
 *
 * <p>A record expires ({@link GatewayTables#TTL_ATTRIBUTE}) a retention after it was written: it
 * guards against a redelivery, and SQS keeps a message at most 14 days, plus at most 14 more in the
 * dead-letter queue before a redrive. Hence the minimum of {@value #MINIMUM_RETENTION_DAYS} days.
 */
public final class DynamoDbProcessedEvents implements ProcessedEvents {
  static final String EVENT_PREFIX = "event#";
  static final String TYPE = "type";
  static final String TX_HASH = "txHash";
  static final String BLOCK_HASH = "blockHash";
  static final String BLOCK_NUMBER = "blockNumber";
  static final String LOG_INDEX = "logIndex";
  static final String OUTCOME = "outcome";
  static final String PROCESSED_AT = "processedAt";

  public static final long DEFAULT_RETENTION_DAYS = 90;
  public static final long MINIMUM_RETENTION_DAYS = 30;

  private static final long SECONDS_PER_DAY = 86_400;
  // Far beyond any sensible retention, and small enough that processedAt + retention cannot
  // overflow.
  private static final long MAXIMUM_RETENTION_DAYS = 36_500;
  private static final long MAX_BLOCK = 999_999_999_999L;
  private static final long MAX_LOG_INDEX = 999_999L;

  private final DynamoDbClient dynamo;
  private final TableNames tables;
  private final Clock clock;
  private final long retentionSeconds;

  /** Records kept {@value #DEFAULT_RETENTION_DAYS} days. */
  public DynamoDbProcessedEvents(DynamoDbClient dynamo, TableNames tables, Clock clock) {
    this(dynamo, tables, clock, DEFAULT_RETENTION_DAYS);
  }

  /** Records kept {@code retentionDays} days, at least {@value #MINIMUM_RETENTION_DAYS}. */
  public DynamoDbProcessedEvents(
      DynamoDbClient dynamo, TableNames tables, Clock clock, long retentionDays) {
    if (retentionDays < MINIMUM_RETENTION_DAYS || retentionDays > MAXIMUM_RETENTION_DAYS) {
      throw new IllegalArgumentException(
          "processed-event retention must be "
              + MINIMUM_RETENTION_DAYS
              + " to "
              + MAXIMUM_RETENTION_DAYS
              + " days (a redelivery can come up to 28 days after the event), got "
              + retentionDays);
    }
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retentionSeconds = retentionDays * SECONDS_PER_DAY;
  }

  @Override
  public boolean isProcessed(ChainEvent event) {
    Objects.requireNonNull(event, "event");
    return StoredItem.read(dynamo, tables.chain(), key(event))
        .map(item -> item.string(TX_HASH).equals(event.origin().txHash().toHex()))
        .orElse(false);
  }

  /**
   * A repeat of the same event keeps the first record (and its time). Another transaction's log at
   * the same place replaces the record: the chain reorganised under the watcher, and the record
   * must say which log was handled last.
   */
  @Override
  public void markProcessed(ChainEvent event, String outcome) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(outcome, "outcome");
    EventOrigin origin = event.origin();
    Map<String, AttributeValue> item = new HashMap<>(key(event));
    item.put(TYPE, s(event.getClass().getSimpleName()));
    item.put(TX_HASH, s(origin.txHash().toHex()));
    item.put(BLOCK_HASH, s(origin.blockHash().toHex()));
    item.put(BLOCK_NUMBER, n(origin.blockNumber()));
    item.put(LOG_INDEX, n(origin.logIndex()));
    item.put(OUTCOME, s(outcome));
    long processedAt = clock.nowSeconds();
    item.put(PROCESSED_AT, n(processedAt));
    item.put(TTL_ATTRIBUTE, n(processedAt + retentionSeconds));
    try {
      dynamo.putItem(
          PutItemRequest.builder()
              .tableName(tables.chain())
              .item(item)
              .conditionExpression("attribute_not_exists(#pk) OR #tx <> :tx")
              .expressionAttributeNames(Map.of("#pk", PK, "#tx", TX_HASH))
              .expressionAttributeValues(Map.of(":tx", s(origin.txHash().toHex())))
              .build());
    } catch (ConditionalCheckFailedException alreadyMarked) {
      // The same log was marked before: nothing to change.
    }
  }

  @Override
  public List<Processed> history(Address channel, int limit) {
    Objects.requireNonNull(channel, "channel");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<Processed> history = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder request =
          QueryRequest.builder()
              .tableName(tables.chain())
              .keyConditionExpression("#pk = :channel AND begins_with(#sk, :events)")
              .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
              .expressionAttributeValues(
                  Map.of(":channel", s(channel.toChecksumHex()), ":events", s(EVENT_PREFIX)))
              .scanIndexForward(true)
              .consistentRead(true)
              .limit(limit - history.size());
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      QueryResponse page = dynamo.query(request.build());
      for (Map<String, AttributeValue> raw : page.items()) {
        history.add(processed(new StoredItem(tables.chain(), raw)));
      }
      start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
    } while (start != null && history.size() < limit);
    return history;
  }

  private static Processed processed(StoredItem item) {
    return new Processed(
        item.string(TYPE),
        new EventOrigin(
            item.bytes32(TX_HASH),
            item.number(LOG_INDEX),
            item.number(BLOCK_NUMBER),
            item.bytes32(BLOCK_HASH)),
        item.string(OUTCOME),
        item.number(PROCESSED_AT));
  }

  /** Zero-padded so that the sort key's string order is chain order. */
  private static Map<String, AttributeValue> key(ChainEvent event) {
    Objects.requireNonNull(event.channel(), "event.channel");
    EventOrigin origin = Objects.requireNonNull(event.origin(), "event.origin");
    if (origin.blockNumber() > MAX_BLOCK || origin.logIndex() > MAX_LOG_INDEX) {
      throw new IllegalArgumentException(
          "event position does not fit its sort key (block <= "
              + MAX_BLOCK
              + ", log index <= "
              + MAX_LOG_INDEX
              + "): block "
              + origin.blockNumber()
              + ", log index "
              + origin.logIndex());
    }
    return Map.of(
        PK,
        s(event.channel().toChecksumHex()),
        SK,
        s(
            String.format(
                Locale.ROOT,
                "%s%012d#%06d",
                EVENT_PREFIX,
                origin.blockNumber(),
                origin.logIndex())));
  }
}

package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.PK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.SK;
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

  private static final long MAX_BLOCK = 999_999_999_999L;
  private static final long MAX_LOG_INDEX = 999_999L;

  private final DynamoDbClient dynamo;
  private final TableNames tables;
  private final Clock clock;

  public DynamoDbProcessedEvents(DynamoDbClient dynamo, TableNames tables, Clock clock) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.clock = Objects.requireNonNull(clock, "clock");
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
    item.put(PROCESSED_AT, n(clock.nowSeconds()));
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

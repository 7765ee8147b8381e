package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.CHANNEL_ADDRESS;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.NONCE;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.TRANSFER_ID;

import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.ChannelDisputedException;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StaleChannelException;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Channels in DynamoDB. Each write is one transaction: the channel item, conditional on the nonce
 * the writer read; one item per update, never overwritten; and the transfer records the updates
 * create or resolve. A failed nonce condition comes back with the stored item, which becomes the
 * {@link StaleChannelException} the caller answers a losing payer with.
 */
public final class DynamoDbChannelStore implements ChannelStore {
  static final String LATEST = "latest";
  static final String DOUBLE_SIGNED = "latestDoubleSigned";
  static final String UPDATED_AT = "updatedAt";
  static final String DISPUTED_NONCE = "disputedNonce";
  static final String UPDATE = "update";
  static final String TYPE = "type";
  static final String STATUS = "status";
  static final String CREATED_NONCE = "createdNonce";
  static final String RESOLVED_NONCE = "resolvedNonce";
  static final String ACTIVE = "ACTIVE";
  static final String RESOLVED = "RESOLVED";
  static final String ASSET = "asset";
  static final String AMOUNT = "amount";
  static final String INITIATOR = "initiator";
  static final String RESPONDER = "responder";
  static final String DEFINITION = "transferDefinition";
  static final String CREATED_AT = "createdAt";

  private final DynamoDbClient dynamo;
  private final TableNames tables;
  private final Clock clock;

  public DynamoDbChannelStore(DynamoDbClient dynamo, TableNames tables, Clock clock) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<StoredChannel> load(Address channelAddress) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                GetItemRequest.builder()
                    .tableName(tables.channels())
                    .key(Map.of(CHANNEL_ADDRESS, s(channelAddress.toChecksumHex())))
                    .consistentRead(true)
                    .build())
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(storedChannel(item));
  }

  @Override
  public List<ChannelUpdate> updatesAfter(Address channelAddress, long afterNonce, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<Map<String, AttributeValue>> items =
        dynamo
            .query(
                QueryRequest.builder()
                    .tableName(tables.updates())
                    .keyConditionExpression("#c = :c AND #n > :n")
                    .expressionAttributeNames(Map.of("#c", CHANNEL_ADDRESS, "#n", NONCE))
                    .expressionAttributeValues(
                        Map.of(":c", s(channelAddress.toChecksumHex()), ":n", n(afterNonce)))
                    .consistentRead(true)
                    .limit(limit)
                    .build())
            .items();
    List<ChannelUpdate> updates = new ArrayList<>(items.size());
    for (Map<String, AttributeValue> item : items) {
      updates.add(ChannelJson.update(ChannelJson.parse(item.get(UPDATE).s()), UPDATE));
    }
    return updates;
  }

  @Override
  public void write(ChannelWrite write) throws StaleChannelException {
    String channel = write.next().latest().channelAddress().toChecksumHex();
    // One reading: the channel's time in seconds and a payment's in milliseconds agree.
    long nowMillis = clock.nowMillis();
    long now = Math.floorDiv(nowMillis, 1000L);
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(channelPut(channel, write, now));
    for (ChannelUpdate update : write.updates()) {
      items.add(updatePut(channel, update, now));
    }
    Address gateway = write.next().latest().state().alice();
    items.addAll(transferItems(channel, gateway, write.updates(), nowMillis));
    try {
      dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
    } catch (TransactionCanceledException e) {
      throw staleOrBroken(write, e);
    }
  }

  @Override
  public void markDisputed(Address channelAddress, long disputedNonce) {
    try {
      dynamo.updateItem(
          UpdateItemRequest.builder()
              .tableName(tables.channels())
              .key(Map.of(CHANNEL_ADDRESS, s(channelAddress.toChecksumHex())))
              .updateExpression("SET #d = :d")
              .conditionExpression("attribute_exists(#c)")
              .expressionAttributeNames(Map.of("#d", DISPUTED_NONCE, "#c", CHANNEL_ADDRESS))
              .expressionAttributeValues(Map.of(":d", n(disputedNonce)))
              .build());
    } catch (ConditionalCheckFailedException notStored) {
      throw new IllegalArgumentException(
          "channel " + channelAddress + " is not stored; it cannot be marked disputed", notStored);
    }
  }

  private TransactWriteItem channelPut(String channel, ChannelWrite write, long now) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(CHANNEL_ADDRESS, s(channel));
    item.put(NONCE, n(write.next().nonce()));
    item.put(LATEST, s(json(write.next().latest())));
    // Kept only while it differs from the latest state: most of the time they are one state.
    if (!write.next().latestIsDoubleSigned()) {
      item.put(DOUBLE_SIGNED, s(json(write.next().latestDoubleSigned())));
    }
    item.put(UPDATED_AT, n(now));
    Put.Builder put =
        Put.builder()
            .tableName(tables.channels())
            .item(item)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (write.expectedNonce() == 0) {
      put.conditionExpression("attribute_not_exists(#c)")
          .expressionAttributeNames(Map.of("#c", CHANNEL_ADDRESS));
    } else {
      // A channel marked disputed takes no more writes; this Put would also drop the mark.
      put.conditionExpression("#n = :expected AND attribute_not_exists(#d)")
          .expressionAttributeNames(Map.of("#n", NONCE, "#d", DISPUTED_NONCE))
          .expressionAttributeValues(Map.of(":expected", n(write.expectedNonce())));
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private TransactWriteItem updatePut(String channel, ChannelUpdate update, long now) {
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(tables.updates())
                .item(
                    Map.of(
                        CHANNEL_ADDRESS, s(channel),
                        NONCE, n(update.nonce()),
                        TYPE, s(update.type().name()),
                        UPDATE, s(ChannelJson.write(ChannelJson.toJson(update))),
                        UPDATED_AT, n(now)))
                .conditionExpression("attribute_not_exists(#n)")
                .expressionAttributeNames(Map.of("#n", NONCE))
                .build())
        .build();
  }

  /**
   * One item per transfer the updates touch: a transaction may not name an item twice, so a
   * transfer created and resolved in the same write (a paid request) is put once, resolved. Each
   * item is the gateway's ledger entry: who locked how much of what, and, once the gateway has been
   * paid by it, when, under the key of {@link PaymentsIndex}. That costs attributes on items the
   * write puts anyway, never another item.
   */
  private List<TransactWriteItem> transferItems(
      String channel, Address gateway, List<ChannelUpdate> updates, long nowMillis) {
    Map<String, Map<String, AttributeValue>> created = new LinkedHashMap<>();
    List<TransactWriteItem> items = new ArrayList<>();
    for (ChannelUpdate update : updates) {
      if (update.details() instanceof UpdateDetails.Create create) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TRANSFER_ID, s(create.transferId().toHex()));
        item.put(CHANNEL_ADDRESS, s(channel));
        item.put(STATUS, s(ACTIVE));
        item.put(CREATED_NONCE, n(update.nonce()));
        item.put(ASSET, s(update.assetId().toChecksumHex()));
        // The initiator's side of the transfer balance: what it locked.
        item.put(AMOUNT, s(create.balance().amount0().toDecimal()));
        item.put(INITIATOR, s(update.fromIdentifier().toChecksumHex()));
        item.put(RESPONDER, s(update.toIdentifier().toChecksumHex()));
        item.put(DEFINITION, s(create.transferDefinition().toChecksumHex()));
        item.put(CREATED_AT, n(nowMillis));
        created.put(create.transferId().toHex(), item);
      } else if (update.details() instanceof UpdateDetails.Resolve resolve) {
        boolean paid = paysGateway(update, resolve, gateway);
        Map<String, AttributeValue> sameWrite = created.get(resolve.transferId().toHex());
        if (sameWrite != null) {
          sameWrite.put(STATUS, s(RESOLVED));
          sameWrite.put(RESOLVED_NONCE, n(update.nonce()));
          if (paid) {
            sameWrite.put(PaymentsIndex.PAID_AT, n(nowMillis));
            sameWrite.put(
                PaymentsIndex.PAY_DAY,
                s(PaymentsIndex.partitionOf(resolve.transferId(), nowMillis)));
          }
        } else {
          items.add(resolvedEarlierTransfer(resolve, update.nonce(), paid, nowMillis));
        }
      }
    }
    for (Map<String, AttributeValue> item : created.values()) {
      items.add(
          TransactWriteItem.builder()
              .put(
                  Put.builder()
                      .tableName(tables.transfers())
                      .item(item)
                      .conditionExpression("attribute_not_exists(#t)")
                      .expressionAttributeNames(Map.of("#t", TRANSFER_ID))
                      .build())
              .build());
    }
    return items;
  }

  /**
   * A payment is the gateway revealing a hashlock's preimage: only a transfer's responder resolves
   * it, so the gateway resolving means the payer locked the funds for the gateway. A cancel (the
   * zero preimage) returns them; a withdrawal's resolver is no hashlock's.
   */
  private static boolean paysGateway(
      ChannelUpdate update, UpdateDetails.Resolve resolve, Address gateway) {
    return update.fromIdentifier().equals(gateway)
        && resolve.transferResolver() instanceof HashlockResolver hashlock
        && !hashlock.isCancel();
  }

  private TransactWriteItem resolvedEarlierTransfer(
      UpdateDetails.Resolve resolve, long nonce, boolean paid, long nowMillis) {
    Map<String, String> names = new HashMap<>(Map.of("#s", STATUS, "#r", RESOLVED_NONCE));
    Map<String, AttributeValue> values =
        new HashMap<>(Map.of(":resolved", s(RESOLVED), ":active", s(ACTIVE), ":n", n(nonce)));
    String set = "SET #s = :resolved, #r = :n";
    if (paid) {
      set += ", #paidAt = :paidAt, #payDay = :payDay";
      names.put("#paidAt", PaymentsIndex.PAID_AT);
      names.put("#payDay", PaymentsIndex.PAY_DAY);
      values.put(":paidAt", n(nowMillis));
      values.put(":payDay", s(PaymentsIndex.partitionOf(resolve.transferId(), nowMillis)));
    }
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(tables.transfers())
                .key(Map.of(TRANSFER_ID, s(resolve.transferId().toHex())))
                .updateExpression(set)
                .conditionExpression("#s = :active")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build())
        .build();
  }

  /**
   * The channel condition failing is the expected race and carries the stored item. Any other
   * condition failing means the update or transfer records disagree with the channel item, which no
   * race explains, so it is not reported as stale.
   */
  private StaleChannelException staleOrBroken(ChannelWrite write, TransactionCanceledException e) {
    List<CancellationReason> reasons = e.cancellationReasons();
    if (reasons.isEmpty() || !"ConditionalCheckFailed".equals(reasons.get(0).code())) {
      for (int i = 1; i < reasons.size(); i++) {
        if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
          throw new IllegalStateException(
              "channel "
                  + write.next().latest().channelAddress()
                  + " is at nonce "
                  + write.expectedNonce()
                  + " but item "
                  + i
                  + " of its write (an update or transfer record) already exists or differs",
              e);
        }
      }
      throw e;
    }
    Map<String, AttributeValue> stored = reasons.get(0).item();
    if (stored != null && stored.containsKey(DISPUTED_NONCE)) {
      throw new ChannelDisputedException(
          write.next().latest().channelAddress(), Long.parseLong(stored.get(DISPUTED_NONCE).n()));
    }
    return new StaleChannelException(
        write.expectedNonce(),
        stored == null || stored.isEmpty() ? Optional.empty() : Optional.of(storedChannel(stored)));
  }

  private static StoredChannel storedChannel(Map<String, AttributeValue> item) {
    Channel latest = channel(item, LATEST);
    return item.containsKey(DOUBLE_SIGNED)
        ? new StoredChannel(latest, channel(item, DOUBLE_SIGNED))
        : StoredChannel.doubleSigned(latest);
  }

  /** The channel state JSON at {@code attribute} of a stored channel item (also for listings). */
  static Channel channel(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    if (value == null || value.s() == null) {
      throw new IllegalStateException(
          "stored channel " + item.get(CHANNEL_ADDRESS) + " has no " + attribute + " attribute");
    }
    return ChannelJson.channel(ChannelJson.parse(value.s()), attribute);
  }

  private static String json(Channel channel) {
    return ChannelJson.write(ChannelJson.toJson(channel));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  private static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }
}

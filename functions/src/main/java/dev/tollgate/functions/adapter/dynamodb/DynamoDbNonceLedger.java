package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.PK;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.SK;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.adapter.chain.NonceLedger;
import dev.tollgate.functions.adapter.chain.NonceTakenException;
import dev.tollgate.functions.adapter.chain.RecordedTransaction;
import dev.tollgate.functions.adapter.chain.SignedTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The nonce ledger on the {@code chain} table, partition {@code account#<checksum address>}: item
 * {@code nonce} holds the next nonce, and item {@code tx#<nonce, 20 digits>} each signed
 * transaction with its replacements. The padding keeps the sort order numeric, so the transactions
 * from a nonce on are one range query.
 */
public final class DynamoDbNonceLedger implements NonceLedger {
  static final String NONCE_ITEM = "nonce";
  static final String NEXT = "next";
  static final String UPDATED_AT = "updatedAt";
  static final String CALL = "call";
  static final String NONCE = "nonce";
  static final String REPLACEMENTS = "replacements";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbNonceLedger(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(tables, "tables").chain();
  }

  static String partition(Address account) {
    return "account#" + account.toChecksumHex();
  }

  static String transactionKey(long nonce) {
    return String.format("tx#%020d", nonce);
  }

  @Override
  public long nextNonce(Address account) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(r -> r.tableName(table).key(key(account, NONCE_ITEM)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get(NEXT).n());
  }

  @Override
  public void reserve(Address account, long expectedNext, String call, SignedTransaction signed) {
    Objects.requireNonNull(call, "call");
    if (expectedNext < 0 || signed.nonce() < expectedNext) {
      throw new IllegalArgumentException(
          "nonce " + signed.nonce() + " is below the ledger's next nonce " + expectedNext);
    }
    Map<String, AttributeValue> next = key(account, NONCE_ITEM);
    next.put(NEXT, n(signed.nonce() + 1));
    next.put(UPDATED_AT, n(signed.sentAt()));
    // The item does not exist until the first reservation; after that next is always at least 1.
    Put.Builder nextPut = Put.builder().tableName(table).item(next);
    if (expectedNext == 0) {
      nextPut.conditionExpression("attribute_not_exists(#next)");
      nextPut.expressionAttributeNames(Map.of("#next", NEXT));
    } else {
      nextPut.conditionExpression("#next = :expected");
      nextPut.expressionAttributeNames(Map.of("#next", NEXT));
      nextPut.expressionAttributeValues(Map.of(":expected", n(expectedNext)));
    }
    Map<String, AttributeValue> record = key(account, transactionKey(signed.nonce()));
    record.put(NONCE, n(signed.nonce()));
    record.put(CALL, s(call));
    record.putAll(LedgerAttributes.attempt(signed));
    Put recordPut =
        Put.builder()
            .tableName(table)
            .item(record)
            .conditionExpression("attribute_not_exists(#sk)")
            .expressionAttributeNames(Map.of("#sk", SK))
            .build();
    try {
      dynamo.transactWriteItems(
          r ->
              r.transactItems(
                  TransactWriteItem.builder().put(nextPut.build()).build(),
                  TransactWriteItem.builder().put(recordPut).build()));
    } catch (TransactionCanceledException e) {
      if (lostTheRace(e)) {
        throw new NonceTakenException(account, expectedNext, signed.nonce());
      }
      throw new IllegalStateException(
          "recording nonce " + signed.nonce() + " of " + account + " failed: " + e.getMessage(), e);
    }
  }

  /** A failed condition or a concurrent transaction on the same item: another sender was first. */
  private static boolean lostTheRace(TransactionCanceledException e) {
    for (CancellationReason reason : e.cancellationReasons()) {
      String code = reason.code();
      if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void recordReplacement(Address account, SignedTransaction replacement) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(key(account, transactionKey(replacement.nonce())))
                  .updateExpression(
                      "SET #r = list_append(if_not_exists(#r, :none), :one), #u = :at")
                  .conditionExpression("attribute_exists(#sk)")
                  .expressionAttributeNames(Map.of("#r", REPLACEMENTS, "#u", UPDATED_AT, "#sk", SK))
                  .expressionAttributeValues(
                      Map.of(
                          ":none",
                          AttributeValue.fromL(List.of()),
                          ":one",
                          AttributeValue.fromL(
                              List.of(AttributeValue.fromM(LedgerAttributes.attempt(replacement)))),
                          ":at",
                          n(replacement.sentAt()))));
    } catch (ConditionalCheckFailedException e) {
      throw new IllegalStateException(
          "no transaction of " + account + " is recorded at nonce " + replacement.nonce(), e);
    }
  }

  @Override
  public List<RecordedTransaction> recordedFrom(Address account, long fromNonce) {
    if (fromNonce < 0) {
      throw new IllegalArgumentException("nonce must not be negative, got " + fromNonce);
    }
    List<RecordedTransaction> found = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse page =
          dynamo.query(
              QueryRequest.builder()
                  .tableName(table)
                  .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                  .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                  .expressionAttributeValues(
                      Map.of(
                          ":pk", s(partition(account)),
                          ":from", s(transactionKey(fromNonce)),
                          ":to", s(transactionKey(Long.MAX_VALUE))))
                  .consistentRead(true)
                  .exclusiveStartKey(startKey)
                  .build());
      for (Map<String, AttributeValue> item : page.items()) {
        found.add(LedgerAttributes.recorded(item));
      }
      startKey = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (startKey != null);
    return found;
  }

  private static Map<String, AttributeValue> key(Address account, String sortKey) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(PK, s(partition(account)));
    key.put(SK, s(sortKey));
    return key;
  }
}

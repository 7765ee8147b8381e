package dev.tollgate.functions.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.adapter.chain.Fees;
import dev.tollgate.functions.adapter.chain.SignedTransaction;
import dev.tollgate.functions.adapter.chain.TransactionSigning;
import dev.tollgate.functions.adapter.chain.UnsignedTransaction;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.disputes.DisputeStage;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.EventOrigin;
import dev.tollgate.functions.gateway.RateCounters;
import dev.tollgate.functions.withdrawals.CompletedWithdrawals.CompletedWithdrawal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * DynamoDB's TTL may remove processed-event records and rate counters (after their window) and
 * nothing else: every other record of the gateway's tables is money history.
 */
class OnlyProcessedEventsExpireTest extends DynamoDbLocalTables {
  private static final String TTL = GatewayTables.TTL_ATTRIBUTE;
  private static final Address PAYER =
      Address.fromHex("0x00000000000000000000000000000000000000b0");
  private static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000bb");

  @Test
  void theChainTableHasTimeToLiveOnTheAttributeAndNoOtherTableHasAny() {
    assertThat(TTL).isEqualTo("expiresAt");
    TimeToLiveDescription chain = timeToLive(tables.chain());
    assertThat(chain.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
    assertThat(chain.attributeName()).isEqualTo(TTL);
    for (String table : List.of(tables.channels(), tables.updates(), tables.transfers())) {
      assertThat(timeToLive(table).timeToLiveStatus())
          .as(table)
          .isEqualTo(TimeToLiveStatus.DISABLED);
    }

    GatewayTables.createIfMissing(dynamo, tables);
    assertThat(timeToLive(tables.chain()).attributeName()).isEqualTo(TTL);
    // What a second local stack racing the first one meets, and createIfMissing ignores.
    assertThatThrownBy(
            () ->
                dynamo.updateTimeToLive(
                    r ->
                        r.tableName(tables.chain())
                            .timeToLiveSpecification(s -> s.attributeName(TTL).enabled(true))))
        .hasMessageContaining("already enabled");
  }

  @Test
  void aChainTableWhoseTimeToLiveIsOnAnotherAttributeIsRefused() {
    dynamo.updateTimeToLive(
        r ->
            r.tableName(tables.chain())
                .timeToLiveSpecification(s -> s.attributeName(TTL).enabled(false)));
    dynamo.updateTimeToLive(
        r ->
            r.tableName(tables.chain())
                .timeToLiveSpecification(s -> s.attributeName("deleteAfter").enabled(true)));

    assertThatThrownBy(() -> GatewayTables.createIfMissing(dynamo, tables))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "table "
                + tables.chain()
                + " has time to live on attribute 'deleteAfter', expected 'expiresAt'");
  }

  @Test
  void ofEveryRecordKindOnlyProcessedEventsCarryTheAttribute() throws Exception {
    long now = TestChannels.NOW;
    TestChannels channels = new TestChannels();
    DynamoDbChannelStore store = new DynamoDbChannelStore(dynamo, tables, () -> now);
    TestChannels.Opened opened = channels.opened(1_000_000);
    store.write(opened.write());
    Address channel = opened.write().next().latest().channelAddress();
    StoredChannel stored = store.load(channel).orElseThrow();
    ChannelWrite paid = channels.payment(opened.payer(), stored, 100, TestChannels.preImage(1));
    store.write(paid);

    new DynamoDbProcessedEvents(dynamo, tables, () -> now)
        .markProcessed(
            new ChainEvent.TokenDeposited(
                new EventOrigin(TestChannels.preImage(2), 0, 120, TestChannels.preImage(3)),
                channel,
                TestChannels.TOKEN,
                PAYER,
                Uint256.of(1_000)),
            "deposit reconciled");
    new DynamoDbConfirmedDeposits(dynamo, tables)
        .record(channel, TestChannels.TOKEN, new DepositTotals(Uint256.ONE, Uint256.ONE), 100);
    new DynamoDbCompletedWithdrawals(dynamo, tables)
        .record(
            new CompletedWithdrawal(
                channel,
                TestChannels.preImage(4),
                TestChannels.TOKEN,
                PAYER,
                Uint256.ONE,
                TestChannels.preImage(5),
                100));
    new DynamoDbDisputeBook(dynamo, tables)
        .save(
            new DisputeRecord(
                channel, 7, PAYER, now + 3_600, now + 7_200, DisputeStage.OPEN, "", now, 1));
    new DynamoDbWatchCursor(dynamo, tables).advance(OptionalLong.empty(), 41);
    TransactionSigning signing =
        new TransactionSigning(LocalKeySigner.fromHex("0x" + "3c".repeat(32)));
    DynamoDbNonceLedger ledger = new DynamoDbNonceLedger(dynamo, tables);
    ledger.reserve(signing.sender(), 0, "a call", signed(signing, 100));
    ledger.recordReplacement(signing.sender(), signed(signing, 113));
    new DynamoDbFundedChannels(dynamo, tables).funded(channel);
    assertThat(
            new DynamoDbRateCounters(dynamo, tables)
                .takeAll(
                    List.of(new RateCounters.Take("setup#source#192.0.2.1", 5)), 3_600, 10_800))
        .isTrue();

    for (String table : List.of(tables.channels(), tables.updates(), tables.transfers())) {
      List<Map<String, AttributeValue>> items = scan(table);
      assertThat(items).as(table).isNotEmpty();
      assertThat(items).as(table).noneMatch(item -> item.containsKey(TTL));
    }
    List<Map<String, AttributeValue>> chainItems = scan(tables.chain());
    List<Map<String, AttributeValue>> events = new ArrayList<>();
    List<Map<String, AttributeValue>> counters = new ArrayList<>();
    List<Map<String, AttributeValue>> others = new ArrayList<>();
    for (Map<String, AttributeValue> item : chainItems) {
      if (item.get("sk").s().startsWith("event#")) {
        events.add(item);
      } else if (item.get("pk").s().startsWith("rate#")) {
        counters.add(item);
      } else {
        others.add(item);
      }
    }
    assertThat(events).hasSize(1);
    assertThat(events.get(0).get(TTL).n()).isEqualTo(Long.toString(now + 90L * 86_400));
    assertThat(counters).as("a rate counter expires after its window").hasSize(1);
    assertThat(counters.get(0).get(TTL).n()).isEqualTo("10800");
    // a deposit, a withdrawal, a dispute, the cursor, the ledger's counter and transaction, the
    // funded channel
    assertThat(others).hasSizeGreaterThanOrEqualTo(6);
    assertThat(others).noneMatch(item -> item.containsKey(TTL));
  }

  private TimeToLiveDescription timeToLive(String table) {
    return dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
  }

  private List<Map<String, AttributeValue>> scan(String table) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse page = dynamo.scan(request.build());
      items.addAll(page.items());
      start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
    } while (start != null);
    return items;
  }

  private static SignedTransaction signed(TransactionSigning signing, long maxFee) {
    return signing.sign(
        new UnsignedTransaction(
            31337,
            0,
            TO,
            "0x",
            BigInteger.valueOf(50_000),
            new Fees(BigInteger.valueOf(maxFee), BigInteger.ONE)),
        TestChannels.NOW);
  }
}

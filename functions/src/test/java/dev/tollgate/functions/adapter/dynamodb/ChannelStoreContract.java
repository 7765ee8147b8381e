package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.TestChannels.preImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.ChannelDisputedException;
import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.port.StaleChannelException;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.harness.Emulated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The store's scenarios, with channels channel-core really signed, against whichever DynamoDB a
 * subclass starts: one per test class, over HTTP, started before the scenarios and stopped after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChannelStoreContract {
  private final TestChannels channels = new TestChannels();
  private final AtomicLong clock = new AtomicLong(TestChannels.NOW);
  private Emulated<DynamoDbClient> emulated;
  private DynamoDbClient dynamo;
  private TableNames tables;
  private DynamoDbChannelStore store;

  /** Starts the DynamoDB this class runs against; called once, before any scenario. */
  abstract Emulated<DynamoDbClient> startDynamoDb() throws Exception;

  @BeforeAll
  void setUpStore() throws Exception {
    emulated = startDynamoDb();
    dynamo = emulated.client();
    tables = TableNames.withPrefix("store-test-");
    GatewayTables.createIfMissing(dynamo, tables);
    GatewayTables.createIfMissing(dynamo, tables); // idempotent
    store = new DynamoDbChannelStore(dynamo, tables, clock::get);
  }

  @AfterAll
  void stopDynamoDb() {
    if (emulated != null) {
      emulated.close();
    }
  }

  @Test
  void aStoredChannelLoadsBackIdentically() throws Exception {
    ChannelWrite open = channels.opened(1_000_000).write();
    store.write(open);
    StoredChannel loaded = store.load(address(open)).orElseThrow();
    assertThat(json(loaded)).isEqualTo(json(open.next()));
    assertThat(store.load(Address.fromHex("0x00000000000000000000000000000000000000aa"))).isEmpty();
  }

  @Test
  void aChannelMarkedDisputedTakesNoMoreWrites() throws Exception {
    TestChannels.Opened opened = channels.opened(10_000);
    store.write(opened.write());
    Address channel = address(opened.write());
    store.markDisputed(channel, 2);
    store.markDisputed(channel, 2);
    ChannelWrite pay = channels.payment(opened.payer(), opened.write().next(), 1_000, preImage(3));

    assertThatThrownBy(() -> store.write(pay))
        .isInstanceOfSatisfying(
            ChannelDisputedException.class, e -> assertThat(e.disputedNonce()).isEqualTo(2))
        .hasMessageContaining("disputed on chain");
    assertThat(json(store.load(channel).orElseThrow())).isEqualTo(json(opened.write().next()));
    assertThat(store.updatesAfter(channel, 2, 10)).isEmpty();
    assertThatThrownBy(
            () ->
                store.markDisputed(
                    Address.fromHex("0x00000000000000000000000000000000000000ab"), 1))
        .hasMessageContaining("is not stored");
  }

  @Test
  void paymentsAppendUpdatesAndTransferRecords() throws Exception {
    TestChannels.Opened opened = channels.opened(1_000_000);
    store.write(opened.write());
    StoredChannel stored = opened.write().next();
    List<ChannelUpdate> written = new ArrayList<>(opened.write().updates());
    for (int i = 0; i < 5; i++) {
      ChannelWrite pay = channels.payment(opened.payer(), stored, 1_000, preImage(i));
      store.write(pay);
      written.addAll(pay.updates());
      stored = pay.next();
    }
    assertThat(store.load(address(opened.write())).orElseThrow().nonce()).isEqualTo(12);

    List<ChannelUpdate> all = store.updatesAfter(address(opened.write()), 0, 100);
    assertThat(all)
        .extracting(ChannelUpdate::nonce)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    assertThat(all.stream().map(u -> ChannelJson.write(ChannelJson.toJson(u))).toList())
        .isEqualTo(written.stream().map(u -> ChannelJson.write(ChannelJson.toJson(u))).toList());
    assertThat(store.updatesAfter(address(opened.write()), 9, 2))
        .extracting(ChannelUpdate::nonce)
        .containsExactly(10L, 11L);

    var create = (UpdateDetails.Create) written.get(2).details();
    Map<String, AttributeValue> transfer = rawTransfer(create.transferId());
    assertThat(transfer.get("status").s()).isEqualTo("RESOLVED");
    assertThat(transfer.get("createdNonce").n()).isEqualTo("3");
    assertThat(transfer.get("resolvedNonce").n()).isEqualTo("4");
  }

  @Test
  void aTransferLockedInOneWriteIsMarkedResolvedByALaterOne() throws Exception {
    TestChannels.Opened opened = channels.opened(10_000);
    store.write(opened.write());
    ChannelWrite lock = channels.lock(opened.payer(), opened.write().next(), 2_500, preImage(9));
    store.write(lock);
    var transferId = ((UpdateDetails.Create) lock.updates().get(0).details()).transferId();
    assertThat(rawTransfer(transferId).get("status").s()).isEqualTo("ACTIVE");
    // A double-signed latest state is stored once.
    assertThat(rawChannel(address(lock))).doesNotContainKey("latestDoubleSigned");

    store.write(channels.resolve(lock.next(), transferId, preImage(9)));
    Map<String, AttributeValue> resolved = rawTransfer(transferId);
    assertThat(resolved.get("status").s()).isEqualTo("RESOLVED");
    assertThat(resolved.get("resolvedNonce").n()).isEqualTo("4");
    StoredChannel stored = store.load(address(lock)).orElseThrow();
    assertThat(stored.nonce()).isEqualTo(4);
    assertThat(stored.latestDoubleSigned().nonce()).isEqualTo(3);
    assertThat(rawChannel(address(lock))).containsKey("latestDoubleSigned");
  }

  @Test
  void aWriteFromAStaleNonceFailsWithTheStoredChannelAndChangesNothing() throws Exception {
    TestChannels.Opened opened = channels.opened(1_000_000);
    store.write(opened.write());
    ChannelWrite first =
        channels.payment(opened.payer(), opened.write().next(), 5_000, preImage(1));
    ChannelWrite rival =
        channels.payment(opened.payer(), opened.write().next(), 7_000, preImage(2));
    store.write(first);
    Map<String, AttributeValue> before = rawChannel(address(first));

    assertThatThrownBy(() -> store.write(rival))
        .isInstanceOfSatisfying(
            StaleChannelException.class,
            e -> {
              assertThat(e.expectedNonce()).isEqualTo(2);
              assertThat(json(e.stored().orElseThrow())).isEqualTo(json(first.next()));
            })
        .hasMessageContaining("no longer at nonce 2; stored nonce is 4");
    assertThat(rawChannel(address(first))).isEqualTo(before);
    assertThat(store.updatesAfter(address(first), 2, 10))
        .extracting(u -> ChannelJson.write(ChannelJson.toJson(u)))
        .containsExactlyElementsOf(
            first.updates().stream().map(u -> ChannelJson.write(ChannelJson.toJson(u))).toList());
  }

  @Test
  void openingAnAlreadyStoredChannelIsStaleAndAWriteToAMissingOneSaysNothingIsStored()
      throws Exception {
    TestChannels.Opened opened = channels.opened(500);
    store.write(opened.write());
    assertThatThrownBy(() -> store.write(opened.write()))
        .isInstanceOfSatisfying(
            StaleChannelException.class, e -> assertThat(e.stored()).isPresent());

    TestChannels.Opened never = channels.opened(500);
    ChannelWrite payment = channels.payment(never.payer(), never.write().next(), 100, preImage(3));
    assertThatThrownBy(() -> store.write(payment))
        .isInstanceOfSatisfying(StaleChannelException.class, e -> assertThat(e.stored()).isEmpty())
        .hasMessageContaining("nothing is stored");
    assertThat(store.load(address(payment))).isEmpty();
    assertThat(store.updatesAfter(address(payment), 0, 10)).isEmpty();
  }

  @Test
  void ofSixteenRacingWritersAtTheSameNonceExactlyOneWins() throws Exception {
    TestChannels.Opened opened = channels.opened(1_000_000);
    store.write(opened.write());
    List<ChannelWrite> rivals = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      rivals.add(
          channels.payment(opened.payer(), opened.write().next(), 100 + i, preImage(100 + i)));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (ChannelWrite rival : rivals) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    store.write(rival);
                    return true;
                  } catch (StaleChannelException lost) {
                    assertThat(lost.stored().orElseThrow().nonce()).isEqualTo(4);
                    return false;
                  }
                }));
      }
      start.countDown();
      List<Integer> winners = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).get()) {
          winners.add(i);
        }
      }
      assertThat(winners).hasSize(1);
      ChannelWrite winner = rivals.get(winners.get(0));
      assertThat(json(store.load(address(winner)).orElseThrow())).isEqualTo(json(winner.next()));
      assertThat(store.updatesAfter(address(winner), 0, 100)).hasSize(4);
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, AttributeValue> rawTransfer(dev.tollgate.core.value.Bytes32 transferId) {
    return dynamo
        .getItem(
            GetItemRequest.builder()
                .tableName(tables.transfers())
                .key(Map.of("transferId", AttributeValue.fromS(transferId.toHex())))
                .consistentRead(true)
                .build())
        .item();
  }

  private Map<String, AttributeValue> rawChannel(Address channel) {
    return dynamo
        .getItem(
            GetItemRequest.builder()
                .tableName(tables.channels())
                .key(Map.of("channelAddress", AttributeValue.fromS(channel.toChecksumHex())))
                .consistentRead(true)
                .build())
        .item();
  }

  private static Address address(ChannelWrite write) {
    return write.next().latest().channelAddress();
  }

  private static String json(StoredChannel stored) {
    return ChannelJson.write(ChannelJson.toJson(stored.latest()))
        + ChannelJson.write(ChannelJson.toJson(stored.latestDoubleSigned()));
  }
}

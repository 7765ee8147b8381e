package dev.tollgate.functions.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.value.Address;
import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.events.CursorMovedException;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The watcher's cursor and its list of (funded) channels, in DynamoDB Local's tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbWatcherStateTest {
  private static final AtomicInteger TABLES = new AtomicInteger();

  private DynamoDbLocal local;
  private DynamoDbClient dynamo;

  @BeforeAll
  void start() throws Exception {
    local = DynamoDbLocal.start();
    dynamo = local.client();
  }

  @AfterAll
  void stop() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (local != null) {
      local.close();
    }
  }

  private TableNames freshTables() {
    TableNames tables = TableNames.withPrefix("watcher" + TABLES.incrementAndGet() + "-");
    GatewayTables.createIfMissing(dynamo, tables);
    return tables;
  }

  @Test
  void theCursorStartsEmptyAndMovesOnlyFromTheBlockTheMoverRead() throws Exception {
    TableNames tables = freshTables();
    DynamoDbWatchCursor cursor = new DynamoDbWatchCursor(dynamo, tables);
    assertThat(cursor.lastBlock()).isEmpty();

    cursor.advance(OptionalLong.empty(), 41);
    assertThat(cursor.lastBlock()).hasValue(41);
    cursor.advance(OptionalLong.of(41), 2_041);
    assertThat(cursor.lastBlock()).hasValue(2_041);

    assertThatThrownBy(() -> cursor.advance(OptionalLong.of(41), 4_041))
        .isInstanceOfSatisfying(
            CursorMovedException.class,
            e -> {
              assertThat(e.expected()).hasValue(41);
              assertThat(e.stored()).hasValue(2_041);
            })
        .hasMessage("the watch cursor is no longer at block 41; it is at block 2041");
    assertThatThrownBy(() -> cursor.advance(OptionalLong.empty(), 9))
        .isInstanceOfSatisfying(
            CursorMovedException.class, e -> assertThat(e.stored()).hasValue(2_041));
    assertThat(cursor.lastBlock()).as("a refused move changes nothing").hasValue(2_041);

    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(tables.chain())
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("cursor"),
                                "sk", AttributeValue.fromS("watcher"))))
            .item();
    assertThat(item.get("block").n()).isEqualTo("2041");
  }

  @Test
  void aMoveFromABlockWhenThereIsNoCursorSaysSo() {
    DynamoDbWatchCursor cursor = new DynamoDbWatchCursor(dynamo, freshTables());

    assertThatThrownBy(() -> cursor.advance(OptionalLong.of(10), 20))
        .isInstanceOfSatisfying(CursorMovedException.class, e -> assertThat(e.stored()).isEmpty())
        .hasMessage("the watch cursor is no longer at block 10; it is at no block (no cursor)");
    assertThat(cursor.lastBlock()).isEmpty();
  }

  @Test
  void aBackwardMoveIsRefusedBeforeAnyWrite() throws Exception {
    DynamoDbWatchCursor cursor = new DynamoDbWatchCursor(dynamo, freshTables());
    cursor.advance(OptionalLong.empty(), 5);

    assertThatThrownBy(() -> cursor.advance(OptionalLong.of(5), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a cursor only moves forward: from 5 to 3");
    assertThat(cursor.lastBlock()).hasValue(5);
  }

  @Test
  void theWatchedChannelsAreTheFundedOnesNotEveryChannelOpened() {
    TableNames tables = freshTables();
    DynamoDbFundedChannels funded = new DynamoDbFundedChannels(dynamo, tables);
    funded.all(); // a new table: backfills nothing, once
    Address a = Address.fromHex("0x00000000000000000000000000000000000000a1");
    Address b = Address.fromHex("0x00000000000000000000000000000000000000b2");
    writeChannel(tables, Address.fromHex("0x00000000000000000000000000000000000000c3"), 1);

    funded.funded(a);
    funded.funded(b);
    funded.funded(a);

    assertThat(funded.all()).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void aTableFromBeforeFundedChannelsIsBackfilledOnceWithTheChannelsPastTheirSetup()
      throws Exception {
    TableNames tables = freshTables();
    DynamoDbChannelStore store = new DynamoDbChannelStore(dynamo, tables, () -> TestChannels.NOW);
    TestChannels channels = new TestChannels();
    Set<Address> deposited = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      TestChannels.Opened opened = channels.opened(1_000);
      store.write(opened.write());
      deposited.add(opened.write().next().latest().channelAddress());
    }
    Address onlySetUp = Address.fromHex("0x00000000000000000000000000000000000000d4");
    writeChannel(tables, onlySetUp, 1);
    DynamoDbFundedChannels funded = new DynamoDbFundedChannels(dynamo, tables);

    assertThat(funded.all()).containsExactlyInAnyOrderElementsOf(deposited);

    TestChannels.Opened later = channels.opened(1_000);
    store.write(later.write());
    assertThat(funded.all())
        .as("backfilled once: a channel stored later counts only when recorded as funded")
        .containsExactlyInAnyOrderElementsOf(deposited);
  }

  @Test
  void noChannelsIsAnEmptySet() {
    assertThat(new DynamoDbFundedChannels(dynamo, freshTables()).all()).isEmpty();
  }

  @Test
  void aMalformedChannelAddressIsNamed() {
    TableNames tables = freshTables();
    dynamo.putItem(
        b ->
            b.tableName(tables.chain())
                .item(
                    Map.of(
                        "pk", AttributeValue.fromS("funded"),
                        "sk", AttributeValue.fromS("0xnot-an-address"))));

    assertThatThrownBy(() -> new DynamoDbFundedChannels(dynamo, tables).all())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(tables.chain())
        .hasMessageContaining("0xnot-an-address");
  }

  private void writeChannel(TableNames tables, Address channel, long nonce) {
    dynamo.putItem(
        b ->
            b.tableName(tables.channels())
                .item(
                    Map.of(
                        "channelAddress", AttributeValue.fromS(channel.toChecksumHex()),
                        "nonce", AttributeValue.fromN(Long.toString(nonce)))));
  }
}

package dev.tollgate.functions.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.EventOrigin;
import dev.tollgate.functions.events.ProcessedEvents.Processed;
import dev.tollgate.functions.withdrawals.CompletedWithdrawals.CompletedWithdrawal;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbProcessedEventsTest extends DynamoDbLocalTables {
  private static final Address CHANNEL =
      Address.fromHex("0xc0000000000000000000000000000000000000c3");
  private static final Address OTHER_CHANNEL =
      Address.fromHex("0xc0000000000000000000000000000000000000c4");
  private static final Address PAYER =
      Address.fromHex("0x00000000000000000000000000000000000000b0");

  private final AtomicLong clock = new AtomicLong(TestChannels.NOW);
  private DynamoDbProcessedEvents events;

  @BeforeEach
  void events() {
    events = new DynamoDbProcessedEvents(dynamo, tables, clock::get);
  }

  @Test
  void aMarkedEventIsProcessedAndReadsBackInTheHistory() {
    ChainEvent deposit = deposit(CHANNEL, origin(1, 120, 3));
    assertThat(events.isProcessed(deposit)).isFalse();

    events.markProcessed(deposit, "deposit reconciled");
    assertThat(events.isProcessed(deposit)).isTrue();
    assertThat(events.history(CHANNEL, 10))
        .containsExactly(
            new Processed("TokenDeposited", deposit.origin(), "deposit reconciled", clock.get()));
    assertThat(events.history(OTHER_CHANNEL, 10)).isEmpty();
  }

  @Test
  void aDifferentTransactionAtTheSamePlaceIsNotProcessedAndReplacesTheRecordWhenMarked() {
    EventOrigin first = origin(1, 120, 3);
    events.markProcessed(deposit(CHANNEL, first), "first");
    EventOrigin reorganised = new EventOrigin(tx(2), 3, 120, TestChannels.preImage(999));
    ChainEvent other = deposit(CHANNEL, reorganised);
    assertThat(events.isProcessed(other)).isFalse();
    // The same transaction at another place is another log, too.
    assertThat(events.isProcessed(deposit(CHANNEL, origin(1, 120, 4)))).isFalse();

    clock.addAndGet(60);
    events.markProcessed(other, "second");
    assertThat(events.isProcessed(other)).isTrue();
    assertThat(events.isProcessed(deposit(CHANNEL, first))).isFalse();
    assertThat(events.history(CHANNEL, 10))
        .containsExactly(new Processed("TokenDeposited", reorganised, "second", clock.get()));
  }

  @Test
  void markingTheSameEventAgainKeepsTheFirstRecord() {
    ChainEvent deposit = deposit(CHANNEL, origin(1, 120, 3));
    events.markProcessed(deposit, "deposit reconciled");
    long firstTime = clock.get();
    clock.addAndGet(300);
    events.markProcessed(deposit, "redelivered");
    assertThat(events.history(CHANNEL, 10))
        .containsExactly(
            new Processed("TokenDeposited", deposit.origin(), "deposit reconciled", firstTime));
  }

  @Test
  void historyIsInChainOrderOldestFirstAndStopsAtTheLimit() {
    // Marked out of order; 9 < 100 < 1000 and log 2 < log 10 only if the key is zero-padded.
    ChainEvent b100log10 = deposit(CHANNEL, origin(1, 100, 10));
    ChainEvent b1000log0 =
        new ChainEvent.AliceDeposited(
            origin(2, 1_000, 0), CHANNEL, TestChannels.TOKEN, Uint256.ONE);
    ChainEvent b9log5 =
        new ChainEvent.ChannelCreated(origin(3, 9, 5), CHANNEL, TestChannels.TOKEN, PAYER);
    ChainEvent b100log2 = deposit(CHANNEL, origin(4, 100, 2));
    for (ChainEvent event : new ChainEvent[] {b100log10, b1000log0, b9log5, b100log2}) {
      clock.incrementAndGet();
      events.markProcessed(event, "handled");
    }
    events.markProcessed(deposit(OTHER_CHANNEL, origin(5, 50, 0)), "other channel");
    // The channel's other records share its partition and are not events.
    new DynamoDbConfirmedDeposits(dynamo, tables)
        .record(CHANNEL, TestChannels.TOKEN, new DepositTotals(Uint256.ONE, Uint256.ONE), 100);
    new DynamoDbCompletedWithdrawals(dynamo, tables)
        .record(
            new CompletedWithdrawal(
                CHANNEL, tx(6), TestChannels.TOKEN, PAYER, Uint256.ONE, tx(7), 100));

    assertThat(events.history(CHANNEL, 10))
        .extracting(Processed::origin)
        .containsExactly(
            b9log5.origin(), b100log2.origin(), b100log10.origin(), b1000log0.origin());
    assertThat(events.history(CHANNEL, 10))
        .extracting(Processed::type)
        .containsExactly("ChannelCreated", "TokenDeposited", "TokenDeposited", "AliceDeposited");
    assertThat(events.history(CHANNEL, 2))
        .extracting(Processed::origin)
        .containsExactly(b9log5.origin(), b100log2.origin());
  }

  @Test
  void aRecordExpiresTheRetentionAfterItWasProcessed() {
    ChainEvent deposit = deposit(CHANNEL, origin(1, 120, 3));
    long processedAt = clock.addAndGet(1_000);
    events.markProcessed(deposit, "deposit reconciled");
    Map<String, AttributeValue> item = rawEventItem(deposit);
    assertThat(item.get("processedAt").n()).isEqualTo(Long.toString(processedAt));
    assertThat(item.get(GatewayTables.TTL_ATTRIBUTE).n())
        .isEqualTo(Long.toString(processedAt + 90L * 86_400));

    long later = clock.addAndGet(1_000);
    DynamoDbProcessedEvents kept30Days =
        new DynamoDbProcessedEvents(dynamo, tables, clock::get, 30);
    ChainEvent next = deposit(CHANNEL, origin(2, 121, 0));
    kept30Days.markProcessed(next, "deposit reconciled");
    assertThat(rawEventItem(next).get("expiresAt").n())
        .isEqualTo(Long.toString(later + 30L * 86_400));
  }

  @Test
  void aRetentionShorterThanARedeliveryCanComeIsRefused() {
    for (long days : new long[] {29, 0, -90, 36_501}) {
      assertThatThrownBy(() -> new DynamoDbProcessedEvents(dynamo, tables, clock::get, days))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageEndingWith(", got " + days)
          .hasMessageContaining("30 to 36500 days");
    }
  }

  @Test
  void anEventBeyondTheKeysRangeAndABadLimitAreRefused() {
    ChainEvent far = deposit(CHANNEL, origin(1, 1_000_000_000_000L, 0));
    assertThatThrownBy(() -> events.markProcessed(far, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block 1000000000000");
    assertThatThrownBy(() -> events.history(CHANNEL, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }

  private Map<String, AttributeValue> rawEventItem(ChainEvent event) {
    EventOrigin origin = event.origin();
    return rawChainItem(
        event.channel().toChecksumHex(),
        String.format(Locale.ROOT, "event#%012d#%06d", origin.blockNumber(), origin.logIndex()));
  }

  private static ChainEvent deposit(Address channel, EventOrigin origin) {
    return new ChainEvent.TokenDeposited(
        origin, channel, TestChannels.TOKEN, PAYER, Uint256.of(1_000));
  }

  private static EventOrigin origin(int tx, long block, long logIndex) {
    return new EventOrigin(tx(tx), logIndex, block, TestChannels.preImage(10_000 + (int) block));
  }

  private static Bytes32 tx(int n) {
    return TestChannels.preImage(n);
  }
}

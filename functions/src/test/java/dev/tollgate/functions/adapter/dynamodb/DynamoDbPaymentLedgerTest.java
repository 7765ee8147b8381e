package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.TestChannels.preImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.operator.Payment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The ledger the channel store writes as it records payments, read back through the payments index
 * across a UTC day boundary and every shard: payments found by the time the gateway was paid, not
 * when the lock was made, and nothing that is not a payment found at all.
 */
class DynamoDbPaymentLedgerTest extends DynamoDbLocalTables {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  private static final long MIDNIGHT = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  private static final long HOUR = 3_600_000L;

  private final TestChannels channels = new TestChannels();
  private final AtomicLong millis = new AtomicLong(MIDNIGHT - 10 * HOUR);
  private final Clock clock =
      new Clock() {
        @Override
        public long nowSeconds() {
          return Math.floorDiv(millis.get(), 1000L);
        }

        @Override
        public long nowMillis() {
          return millis.get();
        }
      };

  private DynamoDbChannelStore store;
  private DynamoDbPaymentLedger ledger;
  private List<Payer> payers;
  private List<Payment> paid;

  /** A payer's channel as stored now. */
  private static final class Payer {
    final ChannelParty party;
    StoredChannel stored;

    Payer(ChannelParty party, StoredChannel stored) {
      this.party = party;
      this.stored = stored;
    }

    Address channel() {
      return stored.latest().channelAddress();
    }
  }

  @BeforeEach
  void threePayers() throws Exception {
    store = new DynamoDbChannelStore(dynamo, tables, clock);
    ledger = new DynamoDbPaymentLedger(dynamo, tables);
    payers = new ArrayList<>();
    paid = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TestChannels.Opened opened = channels.opened(10_000_000);
      store.write(opened.write());
      payers.add(new Payer(opened.payer(), opened.write().next()));
    }
  }

  @Test
  void paymentsEitherSideOfMidnightInEveryShardAreFoundByWhenTheyWerePaid() throws Exception {
    // Pairs of payments, one just before midnight and one just after, until both days have
    // payments in every shard (transfer ids are hashes: which shard is up to chance).
    Map<LocalDate, Set<Integer>> shards =
        Map.of(DAY.minusDays(1), new HashSet<>(), DAY, new HashSet<>());
    for (int i = 0; shards.values().stream().anyMatch(s -> s.size() < PaymentsIndex.SHARDS); i++) {
      assertThat(i).as("pairs paid before every shard had a payment").isLessThan(300);
      for (long at : new long[] {MIDNIGHT - 1 - i * 7_001L, MIDNIGHT + i * 7_001L}) {
        Payment payment = pay(payers.get(i % 3), 100 + i, at);
        shards.get(dayOf(at)).add(Byte.toUnsignedInt(payment.transferId().toArray()[31]) % 8);
      }
    }

    List<Payment> all = new ArrayList<>();
    ledger.paidBetween(MIDNIGHT - 10 * HOUR, MIDNIGHT + 10 * HOUR, all::add);
    assertThat(all).containsExactlyInAnyOrderElementsOf(paid);
    assertThat(all.stream().map(Payment::paidAt).filter(t -> t < MIDNIGHT)).isNotEmpty();
    assertThat(all.stream().map(Payment::paidAt).filter(t -> t >= MIDNIGHT)).isNotEmpty();

    // [from, to): a payment at exactly 'from' counts, one at exactly 'to' does not.
    Payment lastBefore = payment(MIDNIGHT - 1);
    Payment atMidnight = payment(MIDNIGHT);
    Payment later = paid.stream().filter(p -> p.paidAt() == MIDNIGHT + 7_001L).findFirst().get();
    List<Payment> window = new ArrayList<>();
    ledger.paidBetween(lastBefore.paidAt(), later.paidAt(), window::add);
    assertThat(window).containsExactlyInAnyOrder(lastBefore, atMidnight);

    List<Payment> none = new ArrayList<>();
    ledger.paidBetween(MIDNIGHT + 9 * HOUR, MIDNIGHT + 10 * HOUR, none::add);
    ledger.paidBetween(MIDNIGHT, MIDNIGHT, none::add);
    assertThat(none).isEmpty();

    List<Payment> newestFirst = paid.stream().sorted(Payment.NEWEST_FIRST).toList();
    long afterMidnight = paid.stream().filter(p -> p.paidAt() >= MIDNIGHT).count();
    int reachingBack = (int) afterMidnight + 3;
    assertThat(ledger.latest(MIDNIGHT + HOUR, reachingBack))
        .containsExactlyElementsOf(newestFirst.subList(0, reachingBack));
    assertThat(ledger.latest(MIDNIGHT + HOUR, 5))
        .containsExactlyElementsOf(newestFirst.subList(0, 5));
    assertThat(new DynamoDbPaymentLedger(dynamo, tables, 31, 1).latest(MIDNIGHT + HOUR, 5))
        .as("one partition at a time, the same answer")
        .containsExactlyElementsOf(newestFirst.subList(0, 5));
    assertThat(ledger.latest(MIDNIGHT + 3 * 24 * HOUR, 1000))
        .containsExactlyElementsOf(newestFirst);
  }

  @Test
  void aTransferItemIsTheLedgerEntryAndItsIndexKeyFollowsTheUtcDayOfPayment() throws Exception {
    Payer payer = payers.get(0);
    Payment beforeMidnight = pay(payer, 1_500, MIDNIGHT - 1);
    Payment atMidnight = pay(payer, 2_500, MIDNIGHT);

    Map<String, AttributeValue> item = rawTransfer(beforeMidnight.transferId());
    assertThat(item.get("asset").s()).isEqualTo(TestChannels.TOKEN.toChecksumHex());
    assertThat(item.get("amount").s()).isEqualTo("1500");
    assertThat(item.get("initiator").s()).isEqualTo(payer.party.signer().address().toChecksumHex());
    assertThat(item.get("responder").s())
        .isEqualTo(channels.gateway.signer().address().toChecksumHex());
    assertThat(item.get("transferDefinition").s()).isEqualTo(TestChannels.HASHLOCK.toChecksumHex());
    assertThat(item.get("createdAt").n()).isEqualTo(Long.toString(MIDNIGHT - 1));
    assertThat(item.get("paidAt").n()).isEqualTo(Long.toString(MIDNIGHT - 1));
    assertThat(item.get("payDay").s())
        .isEqualTo("2026-02-28#" + shardOf(beforeMidnight.transferId()));
    assertThat(rawTransfer(atMidnight.transferId()).get("payDay").s())
        .isEqualTo("2026-03-01#" + shardOf(atMidnight.transferId()));
    assertThat(rawChannel(payer.channel()).get(DynamoDbChannelStore.UPDATED_AT).n())
        .as("the channel's own time stays in seconds")
        .isEqualTo(Long.toString(MIDNIGHT / 1000));
  }

  @Test
  void aLockIsPaidWhenTheGatewayResolvesItNotWhenItWasMade() throws Exception {
    Payer payer = payers.get(1);
    millis.set(MIDNIGHT - 5 * HOUR);
    ChannelWrite lock = channels.lock(payer.party, payer.stored, 4_200, preImage(77));
    store.write(lock);
    payer.stored = lock.next();
    Bytes32 transferId = transferId(lock, 0);
    assertThat(rawTransfer(transferId)).doesNotContainKeys("paidAt", "payDay");
    assertThat(paidIn(MIDNIGHT - 10 * HOUR, MIDNIGHT + 10 * HOUR)).isEmpty();

    millis.set(MIDNIGHT + 5 * 60_000L);
    ChannelWrite resolve = channels.resolve(payer.stored, transferId, preImage(77));
    store.write(resolve);
    payer.stored = resolve.next();

    Payment expected =
        new Payment(
            transferId,
            payer.channel(),
            payer.party.signer().address(),
            TestChannels.TOKEN,
            Uint256.of(4_200),
            MIDNIGHT + 5 * 60_000L);
    assertThat(paidIn(MIDNIGHT - 10 * HOUR, MIDNIGHT + 10 * HOUR)).containsExactly(expected);
    assertThat(paidIn(MIDNIGHT - 10 * HOUR, MIDNIGHT)).isEmpty();
    assertThat(rawTransfer(transferId).get("createdAt").n())
        .isEqualTo(Long.toString(MIDNIGHT - 5 * HOUR));
  }

  @Test
  void aCancelledLockAndATransferPayingThePayerAreNotPayments() throws Exception {
    Payer payer = payers.get(2);
    millis.set(MIDNIGHT + HOUR);
    Payment real = pay(payer, 9_000, MIDNIGHT + HOUR);

    millis.set(MIDNIGHT + 2 * HOUR);
    ChannelWrite lock = channels.lock(payer.party, payer.stored, 3_000, preImage(5));
    store.write(lock);
    payer.stored = lock.next();
    ChannelWrite cancel = channels.resolve(payer.stored, transferId(lock, 0), Bytes32.ZERO);
    store.write(cancel);
    payer.stored = cancel.next();
    assertThat(rawTransfer(transferId(lock, 0)).get("status").s()).isEqualTo("RESOLVED");

    millis.set(MIDNIGHT + 3 * HOUR);
    ChannelWrite refund = gatewayPaysPayer(payer, 2_000, preImage(6));
    store.write(refund);
    payer.stored = refund.next();
    assertThat(rawTransfer(transferId(refund, 0)).get("status").s()).isEqualTo("RESOLVED");
    assertThat(rawTransfer(transferId(refund, 0)).get("initiator").s())
        .isEqualTo(channels.gateway.signer().address().toChecksumHex());

    assertThat(paidIn(MIDNIGHT, MIDNIGHT + 10 * HOUR)).containsExactly(real);
    assertThat(ledger.latest(MIDNIGHT + 4 * HOUR, 10)).containsExactly(real);
  }

  @Test
  void theLatestListingLooksBackOnlyAsFarAsItsLookback() throws Exception {
    Payment old = pay(payers.get(0), 700, MIDNIGHT - 5 * 24 * HOUR);
    Payment recent = pay(payers.get(0), 800, MIDNIGHT - 24 * HOUR);
    DynamoDbPaymentLedger threeDays = new DynamoDbPaymentLedger(dynamo, tables, 3, 4);

    assertThat(threeDays.latest(MIDNIGHT + HOUR, 10)).containsExactly(recent);
    assertThat(ledger.latest(MIDNIGHT + HOUR, 10)).containsExactly(recent, old);
  }

  /** The gateway's payment of {@code amount} by {@code payer}, written at {@code at}. */
  private Payment pay(Payer payer, long amount, long at) throws Exception {
    millis.set(at);
    ChannelWrite write =
        channels.payment(payer.party, payer.stored, amount, preImage((int) (at & 0x7fff)));
    store.write(write);
    payer.stored = write.next();
    Payment payment =
        new Payment(
            transferId(write, 0),
            payer.channel(),
            payer.party.signer().address(),
            TestChannels.TOKEN,
            Uint256.of(amount),
            at);
    paid.add(payment);
    return payment;
  }

  /** A hashlock the gateway locks for the payer, which the payer resolves. */
  private ChannelWrite gatewayPaysPayer(Payer payer, long amount, Bytes32 preImage) {
    ChannelParty gateway = channels.gateway;
    Transition create =
        TestChannels.round(
            payer.stored.latest(),
            gateway,
            payer.party,
            new UpdateParams.Create(
                TestChannels.TOKEN,
                new Balance(
                    Uint256.of(amount),
                    Uint256.ZERO,
                    gateway.signer().address(),
                    payer.party.signer().address()),
                TestChannels.HASHLOCK,
                Uint256.of(24 * ChannelRules.HOUR),
                new HashlockState(HashlockTransfer.lockHash(preImage), Uint256.ZERO)),
            ChainInputs.at(TestChannels.NOW));
    Bytes32 id = ((UpdateDetails.Create) create.update().details()).transferId();
    Transition resolve =
        TestChannels.round(
            create.next(),
            payer.party,
            gateway,
            new UpdateParams.Resolve(id, new HashlockResolver(preImage)),
            ChainInputs.at(TestChannels.NOW));
    return new ChannelWrite(
        payer.stored.nonce(),
        StoredChannel.doubleSigned(resolve.next()),
        List.of(create.update(), resolve.update()));
  }

  private List<Payment> paidIn(long from, long to) {
    List<Payment> found = new ArrayList<>();
    ledger.paidBetween(from, to, found::add);
    return found;
  }

  private Payment payment(long paidAt) {
    return paid.stream().filter(p -> p.paidAt() == paidAt).findFirst().orElseThrow();
  }

  private static Bytes32 transferId(ChannelWrite write, int update) {
    return ((UpdateDetails.Create) write.updates().get(update).details()).transferId();
  }

  private static int shardOf(Bytes32 transferId) {
    return Byte.toUnsignedInt(transferId.toArray()[31]) % 8;
  }

  private static LocalDate dayOf(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
  }

  private Map<String, AttributeValue> rawTransfer(Bytes32 transferId) {
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
}

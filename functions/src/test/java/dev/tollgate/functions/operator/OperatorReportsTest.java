package dev.tollgate.functions.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.adapter.dynamodb.TestChannels;
import dev.tollgate.functions.disputes.DisputeBook;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The reports' arithmetic and bounds, over in-memory ports (the DynamoDB adapters have their own
 * tests, and the routes theirs against the real handler).
 */
class OperatorReportsTest {
  private static final Address ASSET = TestChannels.TOKEN;
  private static final Address OTHER_ASSET =
      Address.fromHex("0x2000000000000000000000000000000000000002");
  private static final Address CHANNEL =
      Address.fromHex("0xabcdefabcdefabcdefabcdefabcdefabcdefabcd");
  private static final Address PAYER =
      Address.fromHex("0x00000000000000000000000000000000000000b1");

  private final List<Payment> payments = new ArrayList<>();
  private final AtomicInteger ledgerReads = new AtomicInteger();
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<Optional<Address>> pagesAsked = new ArrayList<>();
  private ChannelPage nextPage = new ChannelPage(List.of(), Optional.empty());

  private final PaymentLedger ledger =
      new PaymentLedger() {
        @Override
        public void paidBetween(long fromMillis, long toMillis, Consumer<Payment> each) {
          ledgerReads.incrementAndGet();
          payments.stream()
              .filter(p -> p.paidAt() >= fromMillis && p.paidAt() < toMillis)
              .forEach(each);
        }

        @Override
        public List<Payment> latest(long nowMillis, int limit) {
          ledgerReads.incrementAndGet();
          assertThat(nowMillis).isEqualTo(now.get() * 1000);
          return payments.stream().sorted(Payment.NEWEST_FIRST).limit(limit).toList();
        }
      };

  private final ChannelDirectory directory =
      (after, limit) -> {
        pagesAsked.add(after);
        return nextPage;
      };

  private final DisputeBook disputes =
      new DisputeBook() {
        @Override
        public Optional<DisputeRecord> find(Address channel) {
          return Optional.empty();
        }

        @Override
        public List<DisputeRecord> unfinished() {
          return List.of();
        }

        @Override
        public void save(DisputeRecord record) {
          throw new UnsupportedOperationException("reports never write");
        }
      };

  private final OperatorReports reports =
      new OperatorReports(ledger, directory, disputes, ASSET, now::get);

  @Test
  void bucketsSplitTheRangeFromItsStartAndTheLastOneEndsAtTo() {
    long from = 10_000;
    long to = from + 3 * 600 + 120;
    paid(ASSET, 100, from * 1000);
    paid(ASSET, 200, (from + 600) * 1000 - 1);
    paid(ASSET, 400, (from + 600) * 1000);
    paid(ASSET, 800, to * 1000 - 1);
    paid(ASSET, 1_600, to * 1000);
    paid(ASSET, 3_200, from * 1000 - 1);
    paid(OTHER_ASSET, 6_400, (from + 700) * 1000);

    Revenue revenue =
        reports.revenue(Optional.of(from), Optional.of(to), Optional.of(600L)).value();

    assertThat(revenue.asset()).isEqualTo(ASSET);
    assertThat(revenue.total()).isEqualTo(BigInteger.valueOf(100 + 200 + 400 + 800));
    assertThat(revenue.payments()).isEqualTo(4);
    assertThat(revenue.buckets())
        .containsExactly(
            new Revenue.Bucket(from, BigInteger.valueOf(300), 2),
            new Revenue.Bucket(from + 600, BigInteger.valueOf(400), 1),
            new Revenue.Bucket(from + 1200, BigInteger.ZERO, 0),
            new Revenue.Bucket(from + 1800, BigInteger.valueOf(800), 1));
  }

  @Test
  void byDefaultTheLastDayUpToNowByTheHour() {
    now.set(1_767_225_600L);
    paid(ASSET, 5, (now.get() - 1) * 1000);
    paid(ASSET, 7, (now.get() - 86_400) * 1000);

    Revenue revenue = reports.revenue(Optional.empty(), Optional.empty(), Optional.empty()).value();

    assertThat(revenue.to()).isEqualTo(now.get());
    assertThat(revenue.from()).isEqualTo(now.get() - 86_400);
    assertThat(revenue.bucketSeconds()).isEqualTo(3_600);
    assertThat(revenue.buckets()).hasSize(24);
    assertThat(revenue.buckets().get(0).amount()).isEqualTo(BigInteger.valueOf(7));
    assertThat(revenue.buckets().get(23).amount()).isEqualTo(BigInteger.valueOf(5));
    assertThat(reports.revenue(Optional.of(50L), Optional.of(50L), Optional.empty()).value())
        .extracting(Revenue::buckets, Revenue::total)
        .containsExactly(List.of(), BigInteger.ZERO);
  }

  @Test
  void everyOutOfBoundsParameterIsRefusedByNameBeforeAnythingIsRead() {
    refused(
        reports.revenue(Optional.of(-1L), Optional.empty(), Optional.empty()),
        GatewayReason.INVALID_PARAMETER,
        "from",
        "-1");
    refused(
        reports.revenue(Optional.empty(), Optional.of(253_402_300_800L), Optional.empty()),
        GatewayReason.INVALID_PARAMETER,
        "to",
        "253402300800");
    refused(
        reports.revenue(Optional.of(0L), Optional.of(600L), Optional.of(59L)),
        GatewayReason.INVALID_PARAMETER,
        "bucketSeconds",
        "59");
    refused(
        reports.revenue(Optional.of(700L), Optional.of(600L), Optional.empty()),
        GatewayReason.INVALID_PARAMETER,
        "from 700",
        "to 600");
    refused(
        reports.revenue(Optional.of(0L), Optional.of(31 * 86_400L + 1), Optional.of(86_400L)),
        GatewayReason.RANGE_TOO_LARGE,
        "from 0",
        "2678401");
    refused(
        reports.revenue(Optional.of(0L), Optional.of(60_060L), Optional.of(60L)),
        GatewayReason.RANGE_TOO_LARGE,
        "bucketSeconds 60",
        "1001 buckets");
    refused(reports.payments(Optional.of(0L)), GatewayReason.INVALID_PARAMETER, "limit", "0");
    refused(reports.payments(Optional.of(101L)), GatewayReason.INVALID_PARAMETER, "limit", "101");
    refused(
        reports.channels(Optional.of(-3L), Optional.empty()),
        GatewayReason.INVALID_PARAMETER,
        "limit",
        "-3");
    assertThat(ledgerReads).hasValue(0);
    assertThat(pagesAsked).isEmpty();

    // Exactly at the bounds is fine.
    assertThat(reports.revenue(Optional.of(0L), Optional.of(60_000L), Optional.of(60L)).isOk())
        .isTrue();
    assertThat(
            reports
                .revenue(Optional.of(0L), Optional.of(31 * 86_400L), Optional.of(86_400L))
                .isOk())
        .isTrue();
    assertThat(reports.payments(Optional.of(100L)).isOk()).isTrue();
  }

  @Test
  void paymentsAreTheLedgersNewestUpToTheLimit() {
    for (int i = 0; i < 30; i++) {
      paid(ASSET, 10 + i, 5_000L + i);
    }
    List<Payment> latest = reports.payments(Optional.empty()).value();
    assertThat(latest).hasSize(OperatorReports.DEFAULT_LIMIT);
    assertThat(latest.get(0).paidAt()).isEqualTo(5_029L);
    assertThat(reports.payments(Optional.of(3L)).value())
        .extracting(Payment::amount)
        .containsExactly(Uint256.of(39), Uint256.of(38), Uint256.of(37));
  }

  @Test
  void aPagesCursorNamesWhereTheNextPageStartsAndAForgedOneIsRefused() {
    nextPage = new ChannelPage(List.of(), Optional.of(CHANNEL));
    String cursor = reports.channels(Optional.of(2L), Optional.empty()).value().cursor().get();
    assertThat(cursor).matches("[A-Za-z0-9_-]+");

    nextPage = new ChannelPage(List.of(), Optional.empty());
    assertThat(reports.channels(Optional.empty(), Optional.of(cursor)).value().cursor()).isEmpty();
    assertThat(pagesAsked).containsExactly(Optional.empty(), Optional.of(CHANNEL));

    String notAnAddress =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("not an address".getBytes(StandardCharsets.US_ASCII));
    String lowerCase =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                CHANNEL.toChecksumHex().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    assertThat(CHANNEL.toChecksumHex()).isNotEqualTo(CHANNEL.toChecksumHex().toLowerCase());
    for (String forged : List.of("%%%", notAnAddress, cursor + "=", lowerCase, "A".repeat(200))) {
      refused(
          reports.channels(Optional.empty(), Optional.of(forged)),
          GatewayReason.INVALID_PARAMETER,
          "cursor",
          forged.substring(0, 3));
    }
    assertThat(pagesAsked).hasSize(2);
  }

  @Test
  void aChannelsBalancesSplitIntoGatewayPayerAndLocked() {
    TestChannels channels = new TestChannels();
    TestChannels.Opened opened = channels.opened(10_000);
    ChannelWrite paid =
        channels.payment(opened.payer(), opened.write().next(), 1_500, TestChannels.preImage(1));
    ChannelWrite locked =
        channels.lock(opened.payer(), paid.next(), 2_500, TestChannels.preImage(2));

    ChannelReport report =
        ChannelReport.of(new ListedChannel(locked.next().latest(), 1_700_000_123L, true));

    assertThat(report.payer()).isEqualTo(opened.payer().signer().address());
    assertThat(report.nonce()).isEqualTo(locked.next().nonce());
    assertThat(report.updatedAt()).isEqualTo(1_700_000_123_000L);
    assertThat(report.disputed()).isTrue();
    assertThat(report.balances())
        .containsExactly(
            new ChannelReport.AssetBalance(
                TestChannels.TOKEN,
                BigInteger.valueOf(1_500),
                BigInteger.valueOf(10_000 - 1_500 - 2_500),
                BigInteger.valueOf(2_500)));
  }

  private void paid(Address asset, long amount, long paidAtMillis) {
    byte[] id = new byte[32];
    id[0] = (byte) payments.size();
    id[31] = (byte) (payments.size() >> 8);
    payments.add(
        new Payment(Bytes32.of(id), CHANNEL, PAYER, asset, Uint256.of(amount), paidAtMillis));
  }

  private static void refused(Checked<?> result, GatewayReason reason, String... detailMentions) {
    assertThat(result.isOk()).as("refused: %s", result).isFalse();
    assertThat(result.refusal().is(reason)).as("%s is %s", result.refusal(), reason).isTrue();
    assertThat(result.refusal().detail()).contains(detailMentions);
  }
}

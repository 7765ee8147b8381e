package dev.tollgate.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.bench.cost.ChainGas.Close;
import dev.tollgate.bench.cost.Source.Assumed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost model's arithmetic against figures worked out by hand, its gas figures against the gas
 * report, and docs/COSTS.md against the model's own tables.
 */
class CostModelTest {
  /** Surefire runs in the module's directory. */
  private static final Path REPOSITORY = Path.of("..");

  private final CostModel model = new CostModel(AwsPrices.US_EAST_1);

  @Test
  void aPaidRequestWorkedOutByHandCostsWhatTheModelSays() {
    // 7 ms at 1 GB, 23 WRU, 2 RRU, 2 KMS signs, 1,111 log bytes, nothing else
    RequestUsage usage = new RequestUsage(1, 1, 7, 1024, 23, 2, 2, 0, 0, 1_111, 3_979);

    Map<String, Double> lines = byName(model.perMillion(usage));

    assertThat(lines.get(CostModel.API_GATEWAY)).isCloseTo(1.00, within(1e-9));
    assertThat(lines.get(CostModel.LAMBDA_REQUESTS)).isCloseTo(0.20, within(1e-9));
    // 1e6 × 0.007 s × 1 GB = 7,000 GB-s at $0.0000133334
    assertThat(lines.get(CostModel.LAMBDA_DURATION)).isCloseTo(0.0933338, within(1e-9));
    // 23e6 WRU at $0.625 a million
    assertThat(lines.get(CostModel.DYNAMO_WRITES)).isCloseTo(14.375, within(1e-9));
    assertThat(lines.get(CostModel.DYNAMO_READS)).isCloseTo(0.25, within(1e-9));
    // 2e6 Sign requests at $0.15 per 10,000
    assertThat(lines.get(CostModel.KMS_ASYMMETRIC)).isCloseTo(30.00, within(1e-9));
    assertThat(lines.get(CostModel.KMS_SYMMETRIC)).isZero();
    assertThat(lines.get(CostModel.SECRETS)).isZero();
    // 1.111e9 bytes = 1.111 GB at $0.50
    assertThat(lines.get(CostModel.LOGS)).isCloseTo(0.5555, within(1e-9));
    assertThat(CostModel.total(model.perMillion(usage))).isCloseTo(46.4738338, within(1e-6));
    // 3.979 GB kept: $0.25 + $0.20 a GB-month
    assertThat(CostModel.total(model.storagePerMonthPerMillion(usage)))
        .isCloseTo(3.979 * 0.45, within(1e-9));
  }

  @Test
  void writeUnitsAreTwoPerStartedKilobyteOfEachItemAndOneForTheIndexEntry() {
    PaidWriteItems items = new PaidWriteItems(1_024, 1_025, 2_048, 1, new Assumed("test sizes"));

    assertThat(items.transactionalWriteUnits()).isEqualTo(2 * (1 + 2 + 2 + 1));
    assertThat(items.indexWriteUnits()).isEqualTo(1);
    assertThat(items.channelReadUnits()).isEqualTo(1);
    assertThat(items.storedBytesAdded()).isEqualTo(1_025 + 2_048 + 2 * 1 + 4 * 100);
  }

  @Test
  void theMeasuredItemsCostTwentyThreeWriteUnits() {
    // 5,392 B → 6 KB, 1,586 B → 2 KB, 1,107 B → 2 KB, 443 B → 1 KB; twice each, plus the index
    assertThat(GatewayProfile.paid(SignerMode.WRAPPED, Bound.LOW).writeUnits()).isEqualTo(23);
    assertThat(GatewayProfile.paid(SignerMode.KMS, Bound.HIGH).readUnits()).isEqualTo(2);
  }

  @Test
  void billedDurationRoundsTheSumOfItsPartsUpToTheMillisecond() {
    double vcpu = 1024.0 / 1769.0;
    // wrapped, low: own time + one transaction
    assertThat(Math.ceil(0.608 / vcpu + 5)).isEqualTo(7);
    assertThat(GatewayProfile.paid(SignerMode.WRAPPED, Bound.LOW).lambdaBilledMs()).isEqualTo(7);
    // wrapped, high: own time + slow transaction + a GetItem on a cache miss
    assertThat(GatewayProfile.paid(SignerMode.WRAPPED, Bound.HIGH).lambdaBilledMs())
        .isEqualTo(Math.ceil(0.865 / vcpu + 15 + 5));
    // kms adds two Sign calls
    assertThat(GatewayProfile.paid(SignerMode.KMS, Bound.LOW).lambdaBilledMs())
        .isEqualTo(Math.ceil(0.608 / vcpu + 5 + 2 * 8));
    assertThat(GatewayProfile.paid(SignerMode.KMS, Bound.HIGH).lambdaBilledMs())
        .isEqualTo(Math.ceil(0.865 / vcpu + 15 + 5 + 2 * 25));
    assertThat(GatewayProfile.quote(Bound.HIGH).lambdaBilledMs()).isEqualTo(1);
  }

  @Test
  void onlyTheKmsModeSignsWithKms() {
    assertThat(GatewayProfile.paid(SignerMode.KMS, Bound.LOW).kmsAsymmetric()).isEqualTo(2);
    assertThat(GatewayProfile.paid(SignerMode.WRAPPED, Bound.LOW).kmsAsymmetric()).isZero();
    assertThat(GatewayProfile.paid(SignerMode.WRAPPED, Bound.HIGH).kmsSymmetric())
        .isEqualTo(1.0 / 1_000);
  }

  @Test
  void aQuoteAndAPaymentCostWhatEachCostsAlone() {
    for (SignerMode mode : SignerMode.values()) {
      for (Bound bound : Bound.values()) {
        RequestUsage quote = GatewayProfile.quote(bound);
        RequestUsage paid = GatewayProfile.paid(mode, bound);
        assertThat(CostModel.total(model.perMillion(List.of(quote, paid))))
            .isCloseTo(
                CostModel.total(model.perMillion(quote)) + CostModel.total(model.perMillion(paid)),
                within(1e-9));
      }
    }
  }

  @Test
  void aChannelsGasIsSpreadOverItsPayments() {
    ChainGas gas = ChainGas.MEASURED;
    assertThat(gas.open()).isEqualTo(51_555 + 46_353 + 189_992);
    assertThat(gas.close(Close.COOPERATIVE)).isEqualTo(2 * 110_265);
    assertThat(gas.close(Close.DISPUTED)).isEqualTo(156_352 + 142_699 + 68_821 + 47_438);
    assertThat(gas.perPayment(100, Close.COOPERATIVE)).isCloseTo(508_430 / 100.0, within(1e-9));
    assertThat(gas.perPayment(10_000, Close.DISPUTED)).isCloseTo(703_210 / 10_000.0, within(1e-9));
    // 34,443 gas at 5 gwei and $3,000 an ETH
    assertThat(GasPrice.SCENARIOS.get(1).usd(34_443)).isCloseTo(0.516645, within(1e-9));
  }

  @Test
  void theOnChainFiguresAreTheGasReports() throws IOException {
    Map<String, Long> benchmarks = gasRows(section(read("BENCHMARKS.md"), "## On-chain gas"));
    assertMatchesGasReport(benchmarks);
    Path report = REPOSITORY.resolve("contracts/target/gas-report.md");
    if (Files.isRegularFile(report)) {
      assertMatchesGasReport(gasRows(Files.readString(report, StandardCharsets.UTF_8)));
    }
  }

  @Test
  void theDocumentQuotesTheModelsTables() throws IOException {
    String doc = read("docs/COSTS.md");
    CostTables tables = new CostTables(model, ChainGas.MEASURED);
    for (String table :
        List.of(
            tables.perMillionPaid(),
            tables.perMillionPairs(),
            tables.storage(),
            tables.fixedMonthly(),
            tables.gasPerPayment(),
            tables.gasInDollars(),
            tables.sideBySide())) {
      assertThat(doc).as("docs/COSTS.md is out of date: rerun CostReport").contains(table);
    }
  }

  @Test
  void badInputIsRefusedByName() {
    assertThatThrownBy(
            () -> new Price("KMS requests", -0.15, 10_000, "requests", new Assumed("test")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KMS requests")
        .hasMessageContaining("-0.15");
    assertThatThrownBy(() -> ChainGas.MEASURED.perPayment(0, Close.COOPERATIVE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> new RequestUsage(1, 1, 6.5, 1024, 0, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6.5 ms");
    assertThatThrownBy(() -> new RequestUsage(1, 1, 7, 1024, -1, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("writeUnits");
  }

  private static void assertMatchesGasReport(Map<String, Long> rows) {
    ChainGas gas = ChainGas.MEASURED;
    assertThat(row(rows, "bob's deposit")).isEqualTo(gas.bobDeposit());
    assertThat(row(rows, "alice's approve")).isEqualTo(gas.aliceApprove());
    assertThat(row(rows, "createChannelAndDepositAlice"))
        .isEqualTo(gas.createChannelAndDepositAlice());
    assertThat(row(rows, "cooperative withdraw")).isEqualTo(gas.cooperativeWithdraw());
    assertThat(row(rows, "disputeChannel")).isEqualTo(gas.disputeChannel());
    assertThat(row(rows, "defundChannel")).isEqualTo(gas.defundChannel());
    assertThat(row(rows, "exit (alice)")).isEqualTo(gas.exitAlice());
    assertThat(row(rows, "exit (bob)")).isEqualTo(gas.exitBob());
    assertThat(row(rows, "plain ERC20 transfer")).isEqualTo(gas.erc20Transfer());
    assertThat(row(rows, "open:")).isEqualTo(gas.open());
    assertThat(row(rows, "cooperative close:")).isEqualTo(gas.close(Close.COOPERATIVE));
    assertThat(row(rows, "disputed close:")).isEqualTo(gas.close(Close.DISPUTED));
    // the report spreads a channel over 1,000 payments and drops the fraction
    assertThat(row(rows, "per payment, cooperative close"))
        .isEqualTo((long) gas.perPayment(1_000, Close.COOPERATIVE));
    assertThat(row(rows, "per payment, disputed close"))
        .isEqualTo((long) gas.perPayment(1_000, Close.DISPUTED));
  }

  /**
   * The one row whose label starts with {@code prefix}: the report's labels vary in their tails.
   */
  private static long row(Map<String, Long> rows, String prefix) {
    List<Map.Entry<String, Long>> matches =
        rows.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).toList();
    assertThat(matches).as("gas report rows starting with '" + prefix + "'").hasSize(1);
    return matches.get(0).getValue();
  }

  /** The report's rows that carry a gas number, by label. */
  private static Map<String, Long> gasRows(String markdown) {
    Map<String, Long> rows = new HashMap<>();
    for (String line : markdown.split("\n")) {
      String[] cells = line.split("\\|");
      if (!line.startsWith("|") || cells.length < 3) {
        continue;
      }
      String value = cells[2].replace("*", "").replace(",", "").trim();
      if (value.matches("\\d+")) {
        rows.put(cells[1].replace("*", "").trim(), Long.parseLong(value));
      }
    }
    return rows;
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf(heading);
    assertThat(start).as("BENCHMARKS.md has a section '" + heading + "'").isNotNegative();
    int end = markdown.indexOf("\n## ", start + heading.length());
    return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
  }

  private static String read(String file) throws IOException {
    return Files.readString(REPOSITORY.resolve(file), StandardCharsets.UTF_8);
  }

  private static Map<String, Double> byName(List<LineItem> lines) {
    Map<String, Double> byName = new HashMap<>();
    lines.forEach(line -> byName.put(line.name(), line.usd()));
    return byName;
  }
}

package dev.tollgate.bench.cost;

import dev.tollgate.bench.cost.ChainGas.Close;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The cost model as markdown tables, the form docs/COSTS.md quotes them in. */
public final class CostTables {
  /** Payments per channel the on-chain tables spread a channel's open and close over. */
  public static final List<Long> CHANNEL_SIZES = List.of(100L, 1_000L, 10_000L);

  /** The channel size the side-by-side comparison uses. */
  public static final long TYPICAL_CHANNEL = 1_000;

  private final CostModel model;
  private final ChainGas gas;

  public CostTables(CostModel model, ChainGas gas) {
    this.model = Objects.requireNonNull(model, "model");
    this.gas = Objects.requireNonNull(gas, "gas");
  }

  /** The four columns of the AWS tables: each signer mode at both ends of the assumptions. */
  private static final List<Column> COLUMNS =
      List.of(
          new Column(SignerMode.WRAPPED, Bound.LOW),
          new Column(SignerMode.WRAPPED, Bound.HIGH),
          new Column(SignerMode.KMS, Bound.LOW),
          new Column(SignerMode.KMS, Bound.HIGH));

  private record Column(SignerMode mode, Bound bound) {
    String heading() {
      return (mode == SignerMode.WRAPPED ? "wrapped" : "kms")
          + ", "
          + bound.name().toLowerCase(Locale.ROOT);
    }
  }

  /** The total per million paid requests, without the quote request before each. */
  public double paidPerMillion(SignerMode mode, Bound bound) {
    return CostModel.total(model.perMillion(GatewayProfile.paid(mode, bound)));
  }

  /**
   * The total per million paid requests, each with the 402 quote request the client makes first.
   */
  public double pairPerMillion(SignerMode mode, Bound bound) {
    return CostModel.total(
        model.perMillion(List.of(GatewayProfile.quote(bound), GatewayProfile.paid(mode, bound))));
  }

  public String perMillionPaid() {
    StringBuilder md = new StringBuilder();
    md.append(header("per million paid requests"));
    md.append(
        row(
            "billed Lambda duration per paid request",
            c -> ms(GatewayProfile.paid(c.mode(), c.bound()))));
    List<List<LineItem>> columns = new ArrayList<>();
    for (Column c : COLUMNS) {
      columns.add(model.perMillion(GatewayProfile.paid(c.mode(), c.bound())));
    }
    appendLines(md, columns);
    md.append(
        row(
            "**per paid request**",
            c -> "**" + cents(paidPerMillion(c.mode(), c.bound()) / CostModel.MILLION) + "**"));
    return md.toString();
  }

  public String perMillionPairs() {
    StringBuilder md = new StringBuilder();
    md.append(header("per million (402 quote + paid request) pairs"));
    List<List<LineItem>> columns = new ArrayList<>();
    for (Column c : COLUMNS) {
      columns.add(
          model.perMillion(
              List.of(GatewayProfile.quote(c.bound()), GatewayProfile.paid(c.mode(), c.bound()))));
    }
    appendLines(md, columns);
    md.append(
        row(
            "**per paid request**",
            c -> "**" + cents(pairPerMillion(c.mode(), c.bound()) / CostModel.MILLION) + "**"));
    return md.toString();
  }

  public String storage() {
    RequestUsage paid = GatewayProfile.paid(SignerMode.WRAPPED, Bound.LOW);
    StringBuilder md = new StringBuilder();
    md.append("| kept for each month, per million paid requests | both modes |\n|---|---:|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| bytes added per paid request (two update items, the transfer item, its index entry) | %,.0f |%n",
            paid.storedBytes()));
    md.append(
        String.format(
            Locale.ROOT, "| GB added per million | %.2f |%n", CostModel.storedGbPerMillion(paid)));
    List<LineItem> lines = model.storagePerMonthPerMillion(paid);
    for (LineItem line : lines) {
      md.append("| ")
          .append(line.name())
          .append(" | ")
          .append(Money.usd(line.usd()))
          .append(" |\n");
    }
    md.append("| **per month, for as long as the rows are kept** | **")
        .append(Money.usd(CostModel.total(lines)))
        .append("** |\n");
    return md.toString();
  }

  public String fixedMonthly() {
    StringBuilder md = new StringBuilder("| fixed, per month | both modes |\n|---|---:|\n");
    List<LineItem> lines = FixedMonthly.lines(model.prices());
    for (LineItem line : lines) {
      md.append("| ")
          .append(line.name())
          .append(" | ")
          .append(Money.usd(line.usd()))
          .append(" |\n");
    }
    md.append("| **total** | **").append(Money.usd(CostModel.total(lines))).append("** |\n");
    return md.toString();
  }

  public String gasPerPayment() {
    StringBuilder md =
        new StringBuilder(
            "| payments per channel | gas per payment, cooperative close | gas per payment,"
                + " disputed close | one ERC20 transfer per payment | channel vs transfer"
                + " (cooperative · disputed) |\n|---:|---:|---:|---:|---:|\n");
    for (long n : CHANNEL_SIZES) {
      double coop = gas.perPayment(n, Close.COOPERATIVE);
      double disputed = gas.perPayment(n, Close.DISPUTED);
      md.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s | %s | %s | %s · %s |%n",
              n,
              Money.gas(coop),
              Money.gas(disputed),
              Money.gas(gas.erc20Transfer()),
              percent(coop / gas.erc20Transfer()),
              percent(disputed / gas.erc20Transfer())));
    }
    return md.toString();
  }

  public String gasInDollars() {
    StringBuilder md =
        new StringBuilder(
            "| chain (assumed prices) | one ERC20 transfer per payment | channel of 100,"
                + " cooperative | channel of 1,000, cooperative | channel of 1,000, disputed |"
                + " channel of 10,000, cooperative |\n|---|---:|---:|---:|---:|---:|\n");
    for (GasPrice price : GasPrice.SCENARIOS) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              price.chain(),
              Money.usd(price.usd(gas.erc20Transfer())),
              Money.usd(price.usd(gas.perPayment(100, Close.COOPERATIVE))),
              Money.usd(price.usd(gas.perPayment(1_000, Close.COOPERATIVE))),
              Money.usd(price.usd(gas.perPayment(1_000, Close.DISPUTED))),
              Money.usd(price.usd(gas.perPayment(10_000, Close.COOPERATIVE)))));
    }
    return md.toString();
  }

  /**
   * A payment all in, per million: the AWS side at its high end (with the quote request) plus the
   * chain's share of a channel of {@link #TYPICAL_CHANNEL} payments closed cooperatively, against a
   * plain ERC20 transfer per payment.
   */
  public String sideBySide() {
    double wrapped = pairPerMillion(SignerMode.WRAPPED, Bound.HIGH);
    double kms = pairPerMillion(SignerMode.KMS, Bound.HIGH);
    double channelGas = gas.perPayment(TYPICAL_CHANNEL, Close.COOPERATIVE) * CostModel.MILLION;
    double transferGas = (double) gas.erc20Transfer() * CostModel.MILLION;
    StringBuilder md =
        new StringBuilder(
            "| chain (assumed prices) | Tollgate, wrapped: AWS + chain | Tollgate, kms: AWS +"
                + " chain | one ERC20 transfer per payment | transfers ÷ Tollgate (wrapped)"
                + " |\n|---|---:|---:|---:|---:|\n");
    for (GasPrice price : GasPrice.SCENARIOS) {
      double chain = price.usd(channelGas);
      double transfers = price.usd(transferGas);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s× |%n",
              price.chain(),
              Money.usd(wrapped + chain),
              Money.usd(kms + chain),
              Money.usd(transfers),
              String.format(Locale.ROOT, "%,.0f", transfers / (wrapped + chain))));
    }
    return md.toString();
  }

  public String prices() {
    StringBuilder md =
        new StringBuilder(
            "| price (" + model.prices().region() + ") | figure | source |\n|---|---|---|\n");
    for (Price p : model.prices().list()) {
      md.append("| ")
          .append(p.name())
          .append(" | ")
          .append(p.quoted())
          .append(" | ")
          .append(cell(p.source().cite()))
          .append(" |\n");
    }
    return md.toString();
  }

  public String figures() {
    StringBuilder md = new StringBuilder("| input | value | source |\n|---|---|---|\n");
    List<Figure> all = new ArrayList<>(GatewayProfile.figures());
    all.addAll(FixedMonthly.figures());
    for (Figure f : all) {
      md.append("| ")
          .append(f.name())
          .append(" | ")
          .append(number(f.value()))
          .append(' ')
          .append(f.unit())
          .append(" | ")
          .append(cell(f.source().cite()))
          .append(" |\n");
    }
    PaidWriteItems items = GatewayProfile.ITEMS;
    md.append(
        String.format(
            Locale.ROOT,
            "| paid request's items: channel, create update, resolve update, transfer | %,d · %,d"
                + " · %,d · %,d bytes | %s |%n",
            items.channelBytes(),
            items.createUpdateBytes(),
            items.resolveUpdateBytes(),
            items.transferBytes(),
            cell(items.source().cite())));
    md.append(
        String.format(
            Locale.ROOT,
            "| write units per paid request: transaction + index entry | %d + %d WRU | 2 per"
                + " started KB of each item, 1 per started KB of the index entry |%n",
            items.transactionalWriteUnits(),
            items.indexWriteUnits()));
    return md.toString();
  }

  /** Everything, as one document. */
  public String all() {
    return String.join(
        "\n",
        "# Tollgate cost model (generated by dev.tollgate.bench.cost.CostReport)",
        "",
        "## Per million paid requests, " + model.prices().region() + ", arm64",
        "",
        perMillionPaid(),
        "## Per million paid requests with the 402 quote request before each",
        "",
        perMillionPairs(),
        "## Storage the payments leave behind",
        "",
        storage(),
        "## Fixed monthly costs",
        "",
        fixedMonthly(),
        "## On-chain gas per payment",
        "",
        gasPerPayment(),
        "## On-chain cost per payment in dollars",
        "",
        gasInDollars(),
        "## A million payments, all in",
        "",
        sideBySide(),
        "## Prices",
        "",
        prices(),
        "## Other inputs",
        "",
        figures());
  }

  private void appendLines(StringBuilder md, List<List<LineItem>> columns) {
    List<LineItem> first = columns.get(0);
    for (int i = 0; i < first.size(); i++) {
      md.append("| ").append(first.get(i).name());
      for (List<LineItem> column : columns) {
        md.append(" | ").append(Money.usd(column.get(i).usd()));
      }
      md.append(" |\n");
    }
    md.append("| **total**");
    for (List<LineItem> column : columns) {
      md.append(" | **").append(Money.usd(CostModel.total(column))).append("**");
    }
    md.append(" |\n");
  }

  private static String header(String what) {
    StringBuilder md = new StringBuilder("| ").append(what);
    for (Column c : COLUMNS) {
      md.append(" | ").append(c.heading());
    }
    md.append(" |\n|---");
    md.append("|---:".repeat(COLUMNS.size()));
    return md.append("|\n").toString();
  }

  private static String row(String name, java.util.function.Function<Column, String> cell) {
    StringBuilder md = new StringBuilder("| ").append(name);
    for (Column c : COLUMNS) {
      md.append(" | ").append(cell.apply(c));
    }
    return md.append(" |\n").toString();
  }

  /** A pipe inside a cell would end it; commands quoted in sources have pipes. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static String ms(RequestUsage usage) {
    return String.format(Locale.ROOT, "%.0f ms", usage.lambdaBilledMs());
  }

  private static String cents(double usd) {
    return String.format(Locale.ROOT, "%.5f ¢", usd * 100);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.2f%%", share * 100);
  }

  private static String number(double value) {
    if (value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}

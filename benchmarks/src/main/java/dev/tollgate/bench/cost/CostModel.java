package dev.tollgate.bench.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Prices times usage. Per-million figures are for a million requests of one kind; storage is a
 * monthly cost that grows with every payment kept, so it is reported apart.
 */
public final class CostModel {
  public static final double MILLION = 1_000_000;

  /** Decimal gigabytes: if AWS counts 2^30 bytes, log and storage lines are 7% lower. */
  public static final double BYTES_PER_GB = 1e9;

  public static final String LAMBDA_REQUESTS = "Lambda requests";
  public static final String LAMBDA_DURATION = "Lambda duration (arm64)";
  public static final String API_GATEWAY = "API Gateway HTTP API";
  public static final String DYNAMO_WRITES = "DynamoDB writes";
  public static final String DYNAMO_READS = "DynamoDB reads (cache misses)";
  public static final String KMS_ASYMMETRIC = "KMS Sign / GetPublicKey";
  public static final String KMS_SYMMETRIC = "KMS Decrypt";
  public static final String SECRETS = "Secrets Manager reads";
  public static final String LOGS = "CloudWatch Logs ingestion";

  private final AwsPrices prices;

  public CostModel(AwsPrices prices) {
    this.prices = Objects.requireNonNull(prices, "prices");
  }

  public AwsPrices prices() {
    return prices;
  }

  /** What a million requests of {@code usage} cost, line by line, in the same order always. */
  public List<LineItem> perMillion(RequestUsage usage) {
    Objects.requireNonNull(usage, "usage");
    List<LineItem> lines = new ArrayList<>();
    lines.add(
        new LineItem(API_GATEWAY, prices.httpApiRequests().usdFor(MILLION * usage.apiRequests())));
    lines.add(
        new LineItem(
            LAMBDA_REQUESTS, prices.lambdaRequests().usdFor(MILLION * usage.lambdaInvocations())));
    lines.add(
        new LineItem(
            LAMBDA_DURATION, prices.lambdaArmDuration().usdFor(MILLION * usage.gbSeconds())));
    lines.add(
        new LineItem(DYNAMO_WRITES, prices.dynamoWrites().usdFor(MILLION * usage.writeUnits())));
    lines.add(new LineItem(DYNAMO_READS, prices.dynamoReads().usdFor(MILLION * usage.readUnits())));
    lines.add(
        new LineItem(
            KMS_ASYMMETRIC,
            prices.kmsAsymmetricRequests().usdFor(MILLION * usage.kmsAsymmetric())));
    lines.add(
        new LineItem(
            KMS_SYMMETRIC, prices.kmsSymmetricRequests().usdFor(MILLION * usage.kmsSymmetric())));
    lines.add(new LineItem(SECRETS, prices.secretReads().usdFor(MILLION * usage.secretReads())));
    lines.add(
        new LineItem(
            LOGS, prices.logsIngestion().usdFor(MILLION * usage.logBytes() / BYTES_PER_GB)));
    return lines;
  }

  /** The per-million lines of several kinds of request made together (a quote and a payment). */
  public List<LineItem> perMillion(List<RequestUsage> together) {
    if (together == null || together.isEmpty()) {
      throw new IllegalArgumentException("name at least one request, got " + together);
    }
    List<LineItem> sum = null;
    for (RequestUsage usage : together) {
      List<LineItem> lines = perMillion(usage);
      if (sum == null) {
        sum = lines;
        continue;
      }
      List<LineItem> added = new ArrayList<>(sum.size());
      for (int i = 0; i < sum.size(); i++) {
        added.add(new LineItem(sum.get(i).name(), sum.get(i).usd() + lines.get(i).usd()));
      }
      sum = added;
    }
    return sum;
  }

  public static double total(List<LineItem> lines) {
    return lines.stream().mapToDouble(LineItem::usd).sum();
  }

  /**
   * What keeping the rows of a million requests of {@code usage} costs each month: table storage
   * and point-in-time recovery, both on the tables' size. Nothing expires them.
   */
  public List<LineItem> storagePerMonthPerMillion(RequestUsage usage) {
    double gb = MILLION * usage.storedBytes() / BYTES_PER_GB;
    return List.of(
        new LineItem("DynamoDB storage", prices.dynamoStorage().usdFor(gb)),
        new LineItem("DynamoDB point-in-time recovery", prices.dynamoPitr().usdFor(gb)));
  }

  /** Gigabytes a million requests of {@code usage} add to the tables. */
  public static double storedGbPerMillion(RequestUsage usage) {
    return MILLION * usage.storedBytes() / BYTES_PER_GB;
  }
}

package dev.tollgate.bench.cost;

import dev.tollgate.bench.cost.Source.Assumed;
import dev.tollgate.bench.cost.Source.Configured;
import java.util.List;

/**
 * What the stack costs each month whatever the traffic: keys, secrets, alarms, the dashboard, and
 * the scheduled watcher and keeper with the queue's poller. The Ethereum node the functions call is
 * not an AWS cost and is left out.
 */
public final class FixedMonthly {
  private static final double MINUTES_PER_MONTH = 30 * 24 * 60;

  public static final Figure KEYS =
      new Figure(
          "KMS keys",
          2,
          "keys",
          new Configured(
              "SigningKeys: the secp256k1 signing key and the wrapping key, both modes"));

  public static final Figure SECRETS =
      new Figure(
          "secrets",
          2,
          "secrets",
          new Configured("GatewaySecrets: paywall secret, operator token (with operator routes)"));

  public static final Figure ALARMS =
      new Figure(
          "alarms",
          12,
          "alarms",
          new Configured(
              "Monitoring: disputes observed and lost, dead letters, errors and throttles of the"
                  + " four functions, API 5xx"));

  public static final Figure CUSTOM_METRICS =
      new Figure(
          "custom metrics from log filters",
          2,
          "metrics",
          new Configured("Monitoring: DisputeObserved, DisputeLost"));

  public static final Figure WATCHER_EVERY_MINUTES =
      new Figure(
          "watcher schedule",
          1,
          "minutes",
          new Configured("DeploymentConfig default watcherRateMinutes"));

  public static final Figure KEEPER_EVERY_MINUTES =
      new Figure(
          "keeper schedule",
          5,
          "minutes",
          new Configured("DeploymentConfig default keeperRateMinutes"));

  public static final Figure WATCHER_SECONDS =
      new Figure(
          "watcher run, billed",
          2,
          "s",
          new Assumed("a few RPC calls to the node and one SQS batch; not measured on AWS"));

  public static final Figure KEEPER_SECONDS =
      new Figure(
          "keeper run with nothing to do, billed",
          1,
          "s",
          new Assumed("reads the open-disputes index and the idle channels; not measured on AWS"));

  public static final Figure QUEUE_POLLS =
      new Figure(
          "SQS receives by the processor's event source",
          5 * 3 * MINUTES_PER_MONTH,
          "requests",
          new Assumed(
              "Lambda keeps about five long polls of 20 s open on an idle queue (from memory)"));

  private FixedMonthly() {}

  public static List<Figure> figures() {
    return List.of(
        KEYS,
        SECRETS,
        ALARMS,
        CUSTOM_METRICS,
        WATCHER_EVERY_MINUTES,
        KEEPER_EVERY_MINUTES,
        WATCHER_SECONDS,
        KEEPER_SECONDS,
        QUEUE_POLLS);
  }

  /** The month's fixed lines; a 30-day month. */
  public static List<LineItem> lines(AwsPrices p) {
    double watcherRuns = MINUTES_PER_MONTH / WATCHER_EVERY_MINUTES.value();
    double keeperRuns = MINUTES_PER_MONTH / KEEPER_EVERY_MINUTES.value();
    double watcherGbSeconds = watcherRuns * WATCHER_SECONDS.value() * 0.5;
    double keeperGbSeconds = keeperRuns * KEEPER_SECONDS.value() * 1.0;
    return List.of(
        new LineItem(
            "KMS keys (rotation adds $1 a year on the wrapping key)",
            p.kmsKey().usdFor(KEYS.value())),
        new LineItem("Secrets Manager secrets", p.secret().usdFor(SECRETS.value())),
        new LineItem("CloudWatch alarms", p.alarm().usdFor(ALARMS.value())),
        new LineItem("CloudWatch custom metrics", p.customMetric().usdFor(CUSTOM_METRICS.value())),
        new LineItem("CloudWatch dashboard", p.dashboard().usdFor(1)),
        new LineItem(
            "watcher (512 MB, every minute)",
            p.lambdaRequests().usdFor(watcherRuns)
                + p.lambdaArmDuration().usdFor(watcherGbSeconds)),
        new LineItem(
            "keeper (1,024 MB, every 5 minutes)",
            p.lambdaRequests().usdFor(keeperRuns) + p.lambdaArmDuration().usdFor(keeperGbSeconds)),
        new LineItem(
            "SQS polling by the processor's event source",
            p.sqsRequests().usdFor(QUEUE_POLLS.value())));
  }
}

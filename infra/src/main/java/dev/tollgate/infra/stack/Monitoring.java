package dev.tollgate.infra.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What an operator watches: alarms that go to one SNS topic (and an email, if configured), and a
 * dashboard of the API, the functions, the queue and disputes. Every alarm fires on the first
 * occurrence: an error in a payment gateway or a dispute on chain is worth a look every time.
 */
public final class Monitoring extends Construct {
  /** The namespace of the metrics read from the functions' JSON logs. */
  public static final String NAMESPACE = "Tollgate";

  public static final String DISPUTES_OBSERVED = "DisputesObserved";
  public static final String DISPUTES_LOST = "DisputesLost";

  private final Topic alarms;
  private final Dashboard dashboard;

  public Monitoring(
      Construct scope,
      String id,
      GatewayApi api,
      List<GatewayFunction> functions,
      EventQueue queue,
      List<GatewayFunction> disputeLoggers,
      Optional<String> alarmEmail) {
    super(scope, id);
    alarms = Topic.Builder.create(this, "Alarms").displayName("Tollgate gateway alarms").build();
    alarmEmail.ifPresent(email -> alarms.addSubscription(new EmailSubscription(email)));

    // The dispute keeper logs one JSON line per step (logger tollgate.disputes, field action).
    for (GatewayFunction f : disputeLoggers) {
      logMetric(f, "DisputeObserved", "dispute_observed", DISPUTES_OBSERVED);
      logMetric(f, "DisputeLost", "dispute_lost", DISPUTES_LOST);
    }
    Metric observed = countOf(DISPUTES_OBSERVED);
    Metric lost = countOf(DISPUTES_LOST);
    alarm(
        "DisputeDetected",
        observed,
        "A channel of the gateway is disputed on chain: the keeper is acting on it; check the"
            + " dispute's progress in /operator/disputes");
    alarm(
        "DisputeLost",
        lost,
        "A dispute step came too late (dispute_lost in the logs): the chain holds a state the"
            + " gateway could not answer");
    alarm(
        "DeadLetters",
        queue
            .deadLetters()
            .metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
        "Chain events in the dead-letter queue: the processor failed them "
            + EventQueue.MAX_RECEIVE_COUNT
            + " times; inspect and redrive");
    for (GatewayFunction f : functions) {
      String name = f.getNode().getId();
      alarm(
          name + "Errors",
          f.function().metricErrors(sum()),
          "The " + name + " function failed an invocation (an unhandled error)");
      alarm(
          name + "Throttles",
          f.function().metricThrottles(sum()),
          "The " + name + " function was throttled");
    }
    alarm(
        "ApiServerErrors",
        api.stage().metricServerError(sum()),
        "The HTTP API answered 5xx (the gateway function failed or timed out)");

    dashboard = Dashboard.Builder.create(this, "Dashboard").build();
    dashboard.addWidgets(
        TextWidget.Builder.create()
            .markdown(
                "# Tollgate gateway\nAPI traffic, the functions, the chain-event queue and"
                    + " disputes. Alarms go to the SNS topic in the stack's outputs.")
            .width(24)
            .height(2)
            .build());
    dashboard.addWidgets(
        graph(
            "API requests and errors",
            api.stage().metricCount(sum()),
            api.stage().metricClientError(sum()),
            api.stage().metricServerError(sum())),
        graph(
            "API latency (p50, p99)",
            api.stage().metricLatency(stat("p50")),
            api.stage().metricLatency(stat("p99"))));
    List<IMetric> invocations = new ArrayList<>();
    List<IMetric> errors = new ArrayList<>();
    List<IMetric> durations = new ArrayList<>();
    for (GatewayFunction f : functions) {
      invocations.add(f.function().metricInvocations(sum()));
      errors.add(f.function().metricErrors(sum()));
      errors.add(f.function().metricThrottles(sum()));
      durations.add(f.function().metricDuration(stat("p99")));
    }
    dashboard.addWidgets(
        graph("Invocations", invocations.toArray(IMetric[]::new)),
        graph("Errors and throttles", errors.toArray(IMetric[]::new)),
        graph("Duration p99", durations.toArray(IMetric[]::new)));
    dashboard.addWidgets(
        graph(
            "Chain events",
            queue.queue().metricApproximateNumberOfMessagesVisible(stat("Maximum")),
            queue.queue().metricApproximateAgeOfOldestMessage(stat("Maximum")),
            queue.deadLetters().metricApproximateNumberOfMessagesVisible(stat("Maximum"))),
        graph("Disputes", observed, lost));
  }

  public Topic alarmTopic() {
    return alarms;
  }

  public Dashboard dashboard() {
    return dashboard;
  }

  private void logMetric(GatewayFunction f, String id, String action, String metricName) {
    MetricFilter.Builder.create(f, id)
        .logGroup(f.logGroup())
        .filterPattern(FilterPattern.stringValue("$.action", "=", action))
        .metricNamespace(NAMESPACE)
        .metricName(metricName)
        .metricValue("1")
        .defaultValue(0)
        .build();
  }

  private void alarm(String id, IMetric metric, String description) {
    Alarm alarm =
        Alarm.Builder.create(this, id)
            .alarmDescription(description)
            .metric(metric)
            .threshold(1)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(new SnsAction(alarms));
  }

  private static Metric countOf(String name) {
    return Metric.Builder.create()
        .namespace(NAMESPACE)
        .metricName(name)
        .statistic("Sum")
        .period(Duration.minutes(5))
        .build();
  }

  private static MetricOptions sum() {
    return MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build();
  }

  private static MetricOptions stat(String statistic) {
    return MetricOptions.builder().statistic(statistic).period(Duration.minutes(5)).build();
  }

  private static GraphWidget graph(String title, IMetric... metrics) {
    return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build();
  }
}

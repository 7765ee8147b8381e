package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.idOf;
import static dev.tollgate.infra.TemplateJson.list;
import static dev.tollgate.infra.TemplateJson.map;
import static dev.tollgate.infra.TemplateJson.one;
import static dev.tollgate.infra.TemplateJson.properties;
import static dev.tollgate.infra.TemplateJson.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The alarms an operator needs, where they go, and the dashboard. */
class MonitoringTemplateTest {
  private final Template template = Deployments.kms().template();

  private Map<String, Object> alarm(String prefix) {
    return properties(one(template, "AWS::CloudWatch::Alarm", "Monitoring" + prefix));
  }

  @Test
  void everyAlarmFiresOnTheFirstOccurrenceAndNotifiesTheTopic() {
    String topic = idOf(template, "AWS::SNS::Topic", "MonitoringAlarms");
    Map<String, Map<String, Object>> alarms = resources(template, "AWS::CloudWatch::Alarm");
    assertThat(alarms).hasSize(4 + 4 + 4);
    for (Map<String, Object> a : alarms.values()) {
      Map<String, Object> p = properties(a);
      assertThat(p)
          .containsEntry("Threshold", 1)
          .containsEntry("EvaluationPeriods", 1)
          .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
          .containsEntry("TreatMissingData", "notBreaching")
          .containsEntry("AlarmActions", List.of(Map.of("Ref", topic)));
    }
    Map<String, Object> subscription =
        properties(resources(template, "AWS::SNS::Subscription").values().iterator().next());
    assertThat(subscription)
        .containsEntry("Protocol", "email")
        .containsEntry("Endpoint", "ops@example.org");
  }

  @Test
  void theDeadLetterQueueAlarmsWhenAnythingIsInIt() {
    Map<String, Object> dlq = alarm("DeadLetters");
    assertThat(dlq)
        .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
        .containsEntry("Namespace", "AWS/SQS")
        .containsEntry("Statistic", "Maximum");
    assertThat(String.valueOf(dlq.get("Dimensions")))
        .contains(idOf(template, "AWS::SQS::Queue", "EventsDeadLetters"));
  }

  @Test
  void everyFunctionAlarmsOnErrorsAndThrottles() {
    for (String f : List.of("Gateway", "Watcher", "Processor", "Keeper")) {
      for (String metric : List.of("Errors", "Throttles")) {
        Map<String, Object> a = alarm(f + metric);
        assertThat(a).containsEntry("MetricName", metric).containsEntry("Namespace", "AWS/Lambda");
        assertThat(String.valueOf(a.get("Dimensions")))
            .contains(idOf(template, "AWS::Lambda::Function", f + "Function"));
      }
    }
    assertThat(alarm("ApiServerErrors")).containsEntry("MetricName", "5xx");
  }

  @Test
  void aDisputeSeenOrLostInTheLogsRaisesAnAlarm() {
    Map<String, Map<String, Object>> filters = resources(template, "AWS::Logs::MetricFilter");
    assertThat(filters).hasSize(4);
    Map<String, String> patternByMetric =
        filters.values().stream()
            .map(TemplateJson::properties)
            .collect(
                Collectors.toMap(
                    p ->
                        map(list(p.get("MetricTransformations")).get(0)).get("MetricName")
                            + " in "
                            + map(p.get("LogGroupName")).get("Ref"),
                    p -> String.valueOf(p.get("FilterPattern"))));
    for (String f : List.of("Processor", "Keeper")) {
      String logs = idOf(template, "AWS::Logs::LogGroup", f + "Logs");
      assertThat(patternByMetric.get("DisputesObserved in " + logs))
          .isEqualTo("{ $.action = \"dispute_observed\" }");
      assertThat(patternByMetric.get("DisputesLost in " + logs))
          .isEqualTo("{ $.action = \"dispute_lost\" }");
    }
    assertThat(alarm("DisputeDetected"))
        .containsEntry("Namespace", "Tollgate")
        .containsEntry("MetricName", "DisputesObserved");
    assertThat(alarm("DisputeLost")).containsEntry("MetricName", "DisputesLost");
  }

  @Test
  void theDashboardShowsTheApiFunctionsQueueAndDisputes() {
    Map<String, Object> dashboard =
        properties(one(template, "AWS::CloudWatch::Dashboard", "MonitoringDashboard"));
    String body = String.valueOf(dashboard.get("DashboardBody"));
    assertThat(body)
        .contains("API requests and errors", "Invocations", "Errors and throttles", "Duration p99")
        .contains("Chain events", "Disputes", "DisputesObserved", "ApproximateAgeOfOldestMessage");
  }

  @Test
  void theOutputsTellTheOperatorWhereEverythingIs() {
    Map<String, Object> outputs = map(template.toJSON().get("Outputs"));
    assertThat(outputs)
        .containsKeys(
            "ApiUrl",
            "SigningKeyId",
            "WrappingKeyId",
            "GatewayAddressCommand",
            "AlarmTopicArn",
            "DashboardName",
            "OperatorTokenSecretArn",
            "DeadLetterQueueUrl");
    assertThat(String.valueOf(map(outputs.get("GatewayAddressCommand")).get("Value")))
        .contains("./tollgate gateway-address --kms-key-id")
        .contains(idOf(template, "AWS::KMS::Key", "KeysSigning"));
    assertThat(String.valueOf(map(outputs.get("SigningKeyId")).get("Value")))
        .contains(idOf(template, "AWS::KMS::Key", "KeysSigning"));
  }
}

package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.idOf;
import static dev.tollgate.infra.TemplateJson.list;
import static dev.tollgate.infra.TemplateJson.map;
import static dev.tollgate.infra.TemplateJson.one;
import static dev.tollgate.infra.TemplateJson.properties;
import static dev.tollgate.infra.TemplateJson.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.infra.stack.FunctionSpec;
import dev.tollgate.infra.stack.GatewayRoute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The four functions, how they are invoked, and the HTTP API. */
class FunctionsTemplateTest {
  private static final List<FunctionSpec> SPECS =
      List.of(
          FunctionSpec.GATEWAY, FunctionSpec.WATCHER, FunctionSpec.PROCESSOR, FunctionSpec.KEEPER);

  private final Template template = Deployments.kms().template();

  @Test
  void everyFunctionIsJava21OnArm64WithSnapStartFromOnePackage() {
    assertThat(resources(template, "AWS::Lambda::Function")).hasSize(4);
    Set<Object> codeKeys =
        resources(template, "AWS::Lambda::Function").values().stream()
            .map(f -> map(properties(f).get("Code")).get("S3Key"))
            .collect(Collectors.toSet());
    assertThat(codeKeys).hasSize(1);
    for (FunctionSpec spec : SPECS) {
      Map<String, Object> p =
          properties(one(template, "AWS::Lambda::Function", spec.id() + "Function"));
      assertThat(p)
          .containsEntry("Runtime", "java21")
          .containsEntry("Architectures", List.of("arm64"))
          .containsEntry("Handler", spec.handler())
          .containsEntry("MemorySize", spec.memoryMb())
          .containsEntry("Timeout", spec.timeoutSeconds())
          .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
      assertThat(map(map(p.get("LoggingConfig")).get("LogGroup")).get("Ref"))
          .isEqualTo(idOf(template, "AWS::Logs::LogGroup", spec.id() + "Logs"));
      if (spec.reservedConcurrency().isPresent()) {
        assertThat(p.get("ReservedConcurrentExecutions"))
            .isEqualTo(spec.reservedConcurrency().getAsInt());
      } else {
        assertThat(p).doesNotContainKey("ReservedConcurrentExecutions");
      }
    }
    assertThat(FunctionSpec.WATCHER.reservedConcurrency()).hasValue(1);
  }

  @Test
  void everyTriggerInvokesThePublishedAliasNotTheUnpublishedFunction() {
    for (FunctionSpec spec : SPECS) {
      Map<String, Object> alias =
          properties(one(template, "AWS::Lambda::Alias", spec.id() + "Alias"));
      assertThat(alias.get("Name")).isEqualTo("live");
      assertThat(map(alias.get("FunctionVersion")).get("Fn::GetAtt"))
          .isEqualTo(
              List.of(
                  idOf(template, "AWS::Lambda::Version", spec.id() + "FunctionCurrentVersion"),
                  "Version"));
    }
    String processorAlias = idOf(template, "AWS::Lambda::Alias", "ProcessorAlias");
    Map<String, Object> mapping =
        properties(
            resources(template, "AWS::Lambda::EventSourceMapping").values().iterator().next());
    // The alias-qualified name: <function name>:live, taken from the alias's ARN.
    assertThat(String.valueOf(mapping.get("FunctionName")))
        .contains("{Ref=" + processorAlias + "}")
        .endsWith(":live]]}");
    assertThat(mapping)
        .containsEntry("BatchSize", 10)
        .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    assertThat(mapping.get("EventSourceArn"))
        .isEqualTo(
            Map.of("Fn::GetAtt", List.of(idOf(template, "AWS::SQS::Queue", "EventsQueue"), "Arn")));

    String integrationUri =
        String.valueOf(
            properties(
                    resources(template, "AWS::ApiGatewayV2::Integration")
                        .values()
                        .iterator()
                        .next())
                .get("IntegrationUri"));
    assertThat(integrationUri).contains(idOf(template, "AWS::Lambda::Alias", "GatewayAlias"));
  }

  @Test
  void theWatcherAndTheKeeperRunOnSchedulesWithoutRetries() {
    Map<String, Map<String, Object>> rules = resources(template, "AWS::Events::Rule");
    assertThat(rules).hasSize(2);
    assertThat(
            properties(one(template, "AWS::Events::Rule", "WatcherSchedule"))
                .get("ScheduleExpression"))
        .isEqualTo("rate(1 minute)");
    assertThat(
            properties(one(template, "AWS::Events::Rule", "KeeperSchedule"))
                .get("ScheduleExpression"))
        .isEqualTo("rate(5 minutes)");
    for (String name : List.of("Watcher", "Keeper")) {
      Map<String, Object> target =
          map(
              list(properties(one(template, "AWS::Events::Rule", name + "Schedule")).get("Targets"))
                  .get(0));
      assertThat(target.get("Arn"))
          .isEqualTo(Map.of("Ref", idOf(template, "AWS::Lambda::Alias", name + "Alias")));
      assertThat(map(target.get("RetryPolicy")).get("MaximumRetryAttempts")).isEqualTo(0);
    }
    for (Map<String, Object> config :
        resources(template, "AWS::Lambda::EventInvokeConfig").values()) {
      assertThat(properties(config).get("MaximumRetryAttempts")).isEqualTo(0);
    }
  }

  @Test
  void theApiHasExactlyTheGatewaysRoutes() {
    Set<Object> routeKeys =
        resources(template, "AWS::ApiGatewayV2::Route").values().stream()
            .map(r -> properties(r).get("RouteKey"))
            .collect(Collectors.toSet());
    assertThat(routeKeys)
        .isEqualTo(
            GatewayRoute.all(true).stream().map(GatewayRoute::routeKey).collect(Collectors.toSet()))
        .contains("GET /paid/{path+}", "POST /settle", "GET /operator/revenue")
        .doesNotContain("$default", "ANY /{proxy+}");
    Map<String, Object> integration =
        properties(
            resources(template, "AWS::ApiGatewayV2::Integration").values().iterator().next());
    assertThat(integration)
        .containsEntry("IntegrationType", "AWS_PROXY")
        .containsEntry("PayloadFormatVersion", "2.0");

    Set<Object> withoutOperator =
        resources(Deployments.wrappedFromSsm().template(), "AWS::ApiGatewayV2::Route")
            .values()
            .stream()
            .map(r -> properties(r).get("RouteKey"))
            .collect(Collectors.toSet());
    assertThat(withoutOperator).noneMatch(k -> k.toString().contains("/operator/"));
  }

  @Test
  void theStageThrottlesLogsAndDeploysItself() {
    Map<String, Object> stage = properties(one(template, "AWS::ApiGatewayV2::Stage", "HttpStage"));
    assertThat(stage).containsEntry("StageName", "$default").containsEntry("AutoDeploy", true);
    assertThat(map(stage.get("DefaultRouteSettings")))
        .containsEntry("ThrottlingRateLimit", 1000)
        .containsEntry("ThrottlingBurstLimit", 2000);
    assertThat(String.valueOf(map(stage.get("AccessLogSettings")).get("Format")))
        .contains("$context.routeKey", "$context.status", "$context.integration.latency");
  }

  @Test
  void corsIsOpenOnlyToTheConfiguredPublishers() {
    Map<String, Object> api = properties(one(template, "AWS::ApiGatewayV2::Api", "HttpApi"));
    Map<String, Object> cors = map(api.get("CorsConfiguration"));
    assertThat(cors.get("AllowOrigins")).isEqualTo(List.of("https://news.example.org"));
    assertThat(cors.get("AllowHeaders"))
        .isEqualTo(List.of("content-type", "authorization", "payment-signature", "tollgate-auth"));
    assertThat(cors.get("ExposeHeaders"))
        .isEqualTo(List.of("payment-required", "payment-response"));
    Map<String, Object> noOrigins =
        properties(
            one(Deployments.wrappedFromSsm().template(), "AWS::ApiGatewayV2::Api", "HttpApi"));
    assertThat(noOrigins).doesNotContainKey("CorsConfiguration");
  }
}

package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.idOf;
import static dev.tollgate.infra.TemplateJson.map;
import static dev.tollgate.infra.TemplateJson.one;
import static dev.tollgate.infra.TemplateJson.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** What each function is configured with, from literals and from SSM. */
class EnvironmentTemplateTest {
  static Map<String, Object> environment(Template template, String function) {
    return map(
        map(properties(one(template, "AWS::Lambda::Function", function + "Function"))
                .get("Environment"))
            .get("Variables"));
  }

  @Test
  void everyFunctionGetsTheChainContractsAssetSignerAndTables() {
    Template template = Deployments.kms().template();
    String signingKey = idOf(template, "AWS::KMS::Key", "KeysSigning");
    for (String f : List.of("Gateway", "Watcher", "Processor", "Keeper")) {
      assertThat(environment(template, f))
          .as(f)
          .containsEntry("TOLLGATE_CHAIN_ID", Deployments.CHAIN_ID)
          .containsEntry("TOLLGATE_CHAIN_RPC_URL", Deployments.RPC_URL)
          .containsEntry("TOLLGATE_CONTRACTS_CHANNEL_FACTORY", Deployments.FACTORY)
          .containsEntry("TOLLGATE_CONTRACTS_TRANSFER_REGISTRY", Deployments.REGISTRY)
          .containsEntry("TOLLGATE_CONTRACTS_MASTERCOPY", Deployments.MASTERCOPY)
          .containsEntry("TOLLGATE_CONTRACTS_HASHLOCK", Deployments.HASHLOCK)
          .containsEntry("TOLLGATE_CONTRACTS_WITHDRAW", Deployments.WITHDRAW)
          .containsEntry("TOLLGATE_ASSET", Deployments.ASSET)
          .containsEntry("TOLLGATE_WATCHER_CONFIRMATIONS", "6")
          .containsEntry("TOLLGATE_CHANNELS_SETUP_LIMIT_PER_SOURCE", "60")
          .containsEntry("TOLLGATE_CHANNELS_SETUP_LIMIT_PER_PAYER", "3")
          .containsEntry("TOLLGATE_CHANNELS_SETUP_LIMIT_WINDOW_SECONDS", "3600")
          .containsEntry("TOLLGATE_DISPUTES_SCAN_MAX_BLOCKS_PER_RUN", "50000")
          .containsEntry("TOLLGATE_TABLES_PREFIX", "tollgate-")
          .containsEntry("TOLLGATE_SIGNER_MODE", "kms")
          .containsEntry(
              "TOLLGATE_SIGNER_KMS_KEY_ID", Map.of("Fn::GetAtt", List.of(signingKey, "Arn")))
          .doesNotContainKey("TOLLGATE_SIGNER_PRIVATE_KEY")
          .doesNotContainKey("TOLLGATE_PAYWALL_SECRET")
          .doesNotContainKey("TOLLGATE_OPERATOR_TOKEN")
          .doesNotContainKey("TOLLGATE_TABLES_CREATE");
    }
  }

  @Test
  void onlyTheGatewayGetsRoutesAndSecretsAndOnlyTheWatcherTheQueue() {
    Template template = Deployments.kms().template();
    Map<String, Object> gateway = environment(template, "Gateway");
    assertThat(gateway)
        .containsEntry("TOLLGATE_PAYWALL_ROUTES_ARTICLES_PREFIX", "/paid/articles/")
        .containsEntry("TOLLGATE_PAYWALL_ROUTES_ARTICLES_PRICE", Deployments.ARTICLE_PRICE)
        .containsEntry("TOLLGATE_PAYWALL_ROUTES_ARTICLES_DESCRIPTION", "One article")
        .containsEntry("TOLLGATE_PAYWALL_ROUTES_ARTICLES_MIME_TYPE", "text/html")
        .containsEntry("TOLLGATE_PAYWALL_ROUTES_QUOTES_PRICE", "100")
        .containsEntry("TOLLGATE_PAYWALL_ROUTES_QUOTES_UPSTREAM", Deployments.QUOTES_ORIGIN)
        .doesNotContainKey("TOLLGATE_PAYWALL_ROUTES_ARTICLES_UPSTREAM");
    String arns = String.valueOf(gateway.get("TOLLGATE_SECRET_ARNS"));
    assertThat(arns)
        .contains("tollgate.paywall.secret=")
        .contains(idOf(template, "AWS::SecretsManager::Secret", "SecretsPaywallSecret"))
        .contains(",tollgate.operator.token=")
        .contains(idOf(template, "AWS::SecretsManager::Secret", "SecretsOperatorToken"));
    assertThat(environment(template, "Watcher"))
        .containsEntry(
            "TOLLGATE_EVENTS_QUEUE_URL",
            Map.of("Ref", idOf(template, "AWS::SQS::Queue", "EventsQueue")));
    for (String f : List.of("Watcher", "Processor", "Keeper")) {
      assertThat(environment(template, f).keySet())
          .as(f)
          .noneMatch(
              k -> k.startsWith("TOLLGATE_PAYWALL_ROUTES_") || k.equals("TOLLGATE_SECRET_ARNS"));
    }
    for (String f : List.of("Processor", "Keeper")) {
      assertThat(environment(template, f))
          .containsEntry("TOLLGATE_CHAIN_SENDER_RECEIPT_TIMEOUT_SECONDS", "240")
          .doesNotContainKey("TOLLGATE_EVENTS_QUEUE_URL");
    }
  }

  @Test
  void ssmValuesAreReadByCloudFormationAtDeployTime() {
    Template template = Deployments.wrappedFromSsm().template();
    Map<String, Object> parameters = map(template.toJSON().get("Parameters"));
    Map.Entry<String, Object> rpc =
        parameters.entrySet().stream()
            .filter(e -> "/tollgate/prod/rpc-url".equals(map(e.getValue()).get("Default")))
            .findFirst()
            .orElseThrow();
    assertThat(map(rpc.getValue()).get("Type")).isEqualTo("AWS::SSM::Parameter::Value<String>");
    Map.Entry<String, Object> price =
        parameters.entrySet().stream()
            .filter(e -> "/tollgate/prod/price".equals(map(e.getValue()).get("Default")))
            .findFirst()
            .orElseThrow();
    Map<String, Object> gateway = environment(template, "Gateway");
    assertThat(gateway.get("TOLLGATE_CHAIN_RPC_URL")).isEqualTo(Map.of("Ref", rpc.getKey()));
    assertThat(gateway.get("TOLLGATE_PAYWALL_ROUTES_ARTICLES_PRICE"))
        .isEqualTo(Map.of("Ref", price.getKey()));
  }

  @Test
  void theWrappedModeNamesTheWrappingKeyAndTheCiphertext() {
    Template template = Deployments.wrappedFromSsm().template();
    String wrapping = idOf(template, "AWS::KMS::Key", "KeysWrapping");
    for (String f : List.of("Gateway", "Watcher", "Processor", "Keeper")) {
      assertThat(environment(template, f))
          .containsEntry("TOLLGATE_SIGNER_MODE", "wrapped")
          .containsEntry(
              "TOLLGATE_SIGNER_WRAPPING_KEY_ID", Map.of("Fn::GetAtt", List.of(wrapping, "Arn")))
          .containsEntry("TOLLGATE_SIGNER_WRAPPED_KEY", "AQIDBAUGBwgJCgsMDQ4PEA==")
          .doesNotContainKey("TOLLGATE_SIGNER_KMS_KEY_ID");
    }
    assertThat(String.valueOf(environment(template, "Gateway").get("TOLLGATE_SECRET_ARNS")))
        .doesNotContain("tollgate.operator.token");
  }
}

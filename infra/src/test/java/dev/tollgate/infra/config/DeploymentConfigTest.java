package dev.tollgate.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentConfigTest {
  private static final String A = "0x" + "ab".repeat(20);

  static Map<String, Object> minimal() {
    Map<String, Object> c = new HashMap<>();
    c.put("tollgate:chainId", "1");
    c.put("tollgate:rpcUrl", "https://rpc.example.org");
    for (String k :
        List.of(
            "channelFactory", "transferRegistry", "mastercopy", "hashlock", "withdraw", "asset")) {
      c.put("tollgate:" + k, A);
    }
    return c;
  }

  private static DeploymentConfigException refused(Map<String, Object> context) {
    try {
      DeploymentConfig.read(context);
    } catch (DeploymentConfigException e) {
      return e;
    }
    throw new AssertionError("accepted " + context);
  }

  @Test
  void defaultsFillEverythingButTheChain() {
    DeploymentConfig config = DeploymentConfig.read(minimal());
    assertThat(config.signerMode()).isEqualTo(SignerMode.KMS);
    assertThat(config.get(Setting.CONFIRMATIONS)).isEqualTo(new SettingValue.Literal("12"));
    assertThat(config.get(Setting.QUOTE_SECONDS)).isEqualTo(new SettingValue.Literal("300"));
    assertThat(config.get(Setting.SETUPS_PER_SOURCE)).isEqualTo(new SettingValue.Literal("60"));
    assertThat(config.get(Setting.SETUPS_PER_PAYER)).isEqualTo(new SettingValue.Literal("3"));
    assertThat(config.get(Setting.SETUP_WINDOW_SECONDS))
        .isEqualTo(new SettingValue.Literal("3600"));
    assertThat(config.get(Setting.SCAN_MAX_BLOCKS_PER_RUN))
        .isEqualTo(new SettingValue.Literal("50000"));
    assertThat(config.settings()).doesNotContainKey(Setting.WRAPPED_KEY);
    assertThat(config.routes()).isEmpty();
    assertThat(config.operatorRoutes()).isTrue();
    assertThat(config.allowedOrigins()).isEmpty();
    assertThat(config.alarmEmail()).isEmpty();
    assertThat(config.tablePrefix()).isEqualTo("tollgate-");
    assertThat(config.logRetentionDays()).isEqualTo(90);
    assertThat(config.watcherRateMinutes()).isEqualTo(1);
    assertThat(config.keeperRateMinutes()).isEqualTo(5);
  }

  @Test
  void everyMissingSettingIsNamedAtOnce() {
    Map<String, Object> c = minimal();
    c.remove("tollgate:chainId");
    c.remove("tollgate:asset");
    assertThat(refused(c).getMessage())
        .contains("tollgate:chainId", "tollgate:asset")
        .doesNotContain("tollgate:rpcUrl");
  }

  @Test
  void malformedValuesAreNamedWithTheValue() {
    Map<String, String> bad =
        Map.of(
            "tollgate:chainId", "0",
            "tollgate:rpcUrl", "wss://node",
            "tollgate:asset", "0x1234",
            "tollgate:confirmations", "-1",
            "tollgate:quoteSeconds", "5m",
            "tollgate:scanMaxBlocksPerRun", "0");
    bad.forEach(
        (key, value) -> {
          Map<String, Object> c = minimal();
          c.put(key, value);
          assertThat(refused(c).getMessage()).as(key).contains(key).contains("'" + value + "'");
        });
  }

  @Test
  void jsonNumbersFromCdkJsonAreWholeNumbersOrRefused() {
    Map<String, Object> c = minimal();
    c.put("tollgate:chainId", 31337);
    c.put("tollgate:confirmations", 2.0);
    DeploymentConfig config = DeploymentConfig.read(c);
    assertThat(config.get(Setting.CHAIN_ID)).isEqualTo(new SettingValue.Literal("31337"));
    assertThat(config.get(Setting.CONFIRMATIONS)).isEqualTo(new SettingValue.Literal("2"));
    c.put("tollgate:confirmations", 2.5);
    assertThat(refused(c).getMessage()).contains("tollgate:confirmations", "2.5");
  }

  @Test
  void anUnknownTollgateKeyIsATypoNotSilence() {
    Map<String, Object> c = minimal();
    c.put("tollgate:chainID", "1");
    c.put("aws-cdk:enableDiffNoFail", "true");
    assertThat(refused(c).getMessage()).contains("unknown context key tollgate:chainID");
  }

  @Test
  void ssmReferencesAreNamesNotValues() {
    Map<String, Object> c = minimal();
    c.put("tollgate:rpcUrl", "ssm:/tollgate/prod/rpc-url");
    assertThat(DeploymentConfig.read(c).get(Setting.RPC_URL))
        .isEqualTo(new SettingValue.FromSsm("/tollgate/prod/rpc-url"));
    c.put("tollgate:rpcUrl", "ssm:tollgate rpc");
    assertThat(refused(c).getMessage()).contains("tollgate:rpcUrl", "'tollgate rpc'");
  }

  @Test
  void theWrappedModeNeedsItsCiphertextAndTheKmsModeRefusesOne() {
    Map<String, Object> c = minimal();
    c.put("tollgate:signerMode", "wrapped");
    assertThat(refused(c).getMessage()).contains("tollgate:wrappedKey");
    c.put("tollgate:wrappedKey", "AQID");
    assertThat(DeploymentConfig.read(c).get(Setting.WRAPPED_KEY))
        .isEqualTo(new SettingValue.Literal("AQID"));
    c.put("tollgate:signerMode", "kms");
    assertThat(refused(c).getMessage()).contains("tollgate:wrappedKey is only read with");
    c.put("tollgate:signerMode", "local");
    assertThat(refused(c).getMessage()).contains("tollgate:signerMode", "'local'");
  }

  @Test
  void routesAreCheckedFieldByField() {
    Map<String, Object> c = minimal();
    c.put(
        "tollgate:routes",
        Map.of("articles", Map.of("prefix", "/paid/a/", "price", "ssm:/p/articles")));
    PricedRouteConfig route = DeploymentConfig.read(c).routes().get(0);
    assertThat(route.price()).isEqualTo(new SettingValue.FromSsm("/p/articles"));
    assertThat(route.environmentVariable("MIME_TYPE"))
        .isEqualTo("TOLLGATE_PAYWALL_ROUTES_ARTICLES_MIME_TYPE");

    Map<Object, String> bad =
        Map.of(
            Map.of("Articles", Map.of("prefix", "/paid/a/", "price", "1")),
            "tollgate:routes.Articles",
            Map.of("a", Map.of("prefix", "/a/", "price", "1")),
            "tollgate:routes.a.prefix",
            Map.of("a", Map.of("prefix", "/paid/a/", "price", "-1")),
            "tollgate:routes.a.price",
            Map.of("a", Map.of("prefix", "/paid/a/")),
            "tollgate:routes.a.price is missing",
            Map.of("a", Map.of("prefix", "/paid/a/", "price", "1", "cost", "2")),
            "unknown field 'cost'",
            Map.of("a", Map.of("prefix", "/paid/a/", "price", "1", "upstream", "ftp://x/")),
            "tollgate:routes.a.upstream must be an http(s) URL",
            Map.of("a", Map.of("prefix", "/paid/a/", "price", "1", "upstream", "https://x/?k=1")),
            "got 'https://x/?k=1'",
            "articles=1",
            "tollgate:routes must be a JSON object",
            List.of("articles"),
            "tollgate:routes must be an object");
    bad.forEach(
        (routes, named) -> {
          Map<String, Object> ctx = minimal();
          ctx.put("tollgate:routes", routes);
          assertThat(refused(ctx).getMessage()).as(named).contains(named);
        });
  }

  @Test
  void routesMayArriveAsJsonTextFromTheCommandLine() {
    Map<String, Object> c = minimal();
    c.put("tollgate:routes", "{\"api\": {\"prefix\": \"/paid/api/\", \"price\": 7}}");
    PricedRouteConfig route = DeploymentConfig.read(c).routes().get(0);
    assertThat(route.name()).isEqualTo("api");
    assertThat(route.price()).isEqualTo(new SettingValue.Literal("7"));
  }

  @Test
  void structureSettingsAreChecked() {
    Map<String, String> bad =
        Map.of(
            "tollgate:allowedOrigins", "https://a.example/path",
            "tollgate:alarmEmail", "ops",
            "tollgate:tablePrefix", "tollgate prod",
            "tollgate:logRetentionDays", "10",
            "tollgate:operatorRoutes", "yes",
            "tollgate:watcherRateMinutes", "0",
            "tollgate:apiBurstLimit", "10");
    bad.forEach(
        (key, value) -> {
          Map<String, Object> c = minimal();
          c.put(key, value);
          assertThat(refused(c).getMessage()).as(key).contains(key);
        });
    Map<String, Object> c = minimal();
    c.put("tollgate:allowedOrigins", "https://a.example, http://localhost:3000");
    assertThat(DeploymentConfig.read(c).allowedOrigins())
        .containsExactly("https://a.example", "http://localhost:3000");
    c.put("tollgate:allowedOrigins", "[\"https://b.example\"]");
    assertThat(DeploymentConfig.read(c).allowedOrigins()).containsExactly("https://b.example");
  }

  @Test
  void keyAdministratorsAreIamArnsAndDefaultToTheAccount() {
    assertThat(DeploymentConfig.read(minimal()).keyAdminArns()).isEmpty();
    Map<String, Object> c = minimal();
    String admin = "arn:aws:iam::123456789012:role/tollgate-key-admin";
    String deployer = "arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role";
    c.put("tollgate:keyAdmins", admin + ", " + deployer);
    assertThat(DeploymentConfig.read(c).keyAdminArns()).containsExactly(admin, deployer);
    c.put("tollgate:keyAdmins", "[\"" + admin + "\"]");
    assertThat(DeploymentConfig.read(c).keyAdminArns()).containsExactly(admin);
    for (String bad :
        List.of("*", "arn:aws:iam::123456789012:root", "arn:aws:iam::1234:role/x", "tollgate")) {
      c.put("tollgate:keyAdmins", bad);
      assertThat(refused(c).getMessage()).as(bad).contains("tollgate:keyAdmins", bad);
    }
  }

  @Test
  void aPublisherGatewayNamesItsHubAndOnlyItMay() {
    DeploymentConfig standalone = DeploymentConfig.read(minimal());
    assertThat(standalone.get(Setting.ROLE)).isEqualTo(new SettingValue.Literal("standalone"));
    assertThat(standalone.settings()).doesNotContainKeys(Setting.HUB_URL, Setting.HUB_ADDRESS);

    Map<String, Object> publisher = minimal();
    publisher.put("tollgate:role", "publisher");
    assertThat(refused(publisher).getMessage())
        .contains("tollgate:hubUrl")
        .contains("tollgate:hubAddress");
    publisher.put("tollgate:hubUrl", "https://hub.example");
    publisher.put("tollgate:hubAddress", A);
    DeploymentConfig config = DeploymentConfig.read(publisher);
    assertThat(config.get(Setting.HUB_URL))
        .isEqualTo(new SettingValue.Literal("https://hub.example"));

    Map<String, Object> misplaced = minimal();
    misplaced.put("tollgate:hubUrl", "https://hub.example");
    assertThat(refused(misplaced).getMessage())
        .isEqualTo("tollgate:hubUrl is only read with tollgate:role=publisher");
    Map<String, Object> unknown = minimal();
    unknown.put("tollgate:role", "router");
    assertThat(refused(unknown).getMessage()).contains("standalone, hub or publisher");
    Map<String, Object> fromSsm = minimal();
    fromSsm.put("tollgate:role", "ssm:/tollgate/role");
    assertThat(refused(fromSsm).getMessage()).contains("not from SSM");
  }

  @Test
  void aHubsLegMarginLeavesItsKeeperTwoRuns() {
    Map<String, Object> hub = minimal();
    hub.put("tollgate:role", "hub");
    hub.put("tollgate:keeperRateMinutes", 10);
    hub.put("tollgate:legMarginSeconds", "1199");
    assertThat(refused(hub).getMessage())
        .contains("tollgate:legMarginSeconds 1199")
        .contains("give at least 1200");
    hub.put("tollgate:legMarginSeconds", "1200");
    assertThat(DeploymentConfig.read(hub).get(Setting.LEG_MARGIN_SECONDS))
        .isEqualTo(new SettingValue.Literal("1200"));
  }
}

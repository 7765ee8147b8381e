package dev.tollgate.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.emulators.ElasticMq;
import dev.tollgate.functions.GatewayHandler;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.adapter.kms.KmsSigner;
import dev.tollgate.functions.adapter.kms.MotoKmsServer;
import dev.tollgate.functions.config.SecretReferences;
import dev.tollgate.functions.config.SecretsManagerProperties;
import dev.tollgate.functions.events.EventBatch;
import dev.tollgate.functions.events.WatcherSettings;
import dev.tollgate.functions.gateway.GatewayNetwork;
import dev.tollgate.functions.gateway.SetupLimits;
import dev.tollgate.functions.gateway.SetupRateLimit;
import dev.tollgate.functions.operator.OperatorReports;
import dev.tollgate.functions.paywall.PaidRequests;
import dev.tollgate.functions.paywall.PriceList;
import dev.tollgate.functions.paywall.PricedRoute;
import dev.tollgate.infra.stack.GatewayRoute;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.type.Argument;
import io.micronaut.web.router.Router;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Each function's environment, exactly as the template sets it, read by the functions' own wiring
 * the way the Lambda runtime hands it over (environment variables, Micronaut's environment-variable
 * naming): the context starts, and the gateway it builds has the configured chain, contracts,
 * prices, tables and signing key, and serves exactly the routes the HTTP API forwards. Only
 * CloudFormation's references are filled in, with emulator resources.
 */
class LambdaEnvironmentTest {
  private static final String PAYWALL_SECRET = "0123456789abcdef".repeat(4);
  private static final String OPERATOR_TOKEN = "operator-token-from-secrets-manager";
  private static final String NEWS_TOKEN = "news0token0from0secrets0manager0000000000000000";
  private static final String BLOG_TOKEN = "blog0token0from0secrets0manager0000000000000000";

  /** Every secret the gateway reads, by property, as moto holds it. */
  private static final Map<String, String> SECRET_VALUES =
      Map.of(
          "tollgate.paywall.secret", PAYWALL_SECRET,
          "tollgate.operator.token", OPERATOR_TOKEN,
          "tollgate.publishers.news.token", NEWS_TOKEN,
          "tollgate.publishers.blog.token", BLOG_TOKEN);

  private static MotoKmsServer moto;
  private static SecretsManagerClient secretsManager;
  private static DynamoDbLocal dynamo;
  private static ElasticMq sqs;
  private static String keyId;
  private static Address keyAddress;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoKmsServer.start();
    dynamo = DynamoDbLocal.start();
    sqs = ElasticMq.start();
    try (KmsClient kms = moto.newClient()) {
      keyId =
          kms.createKey(r -> r.keySpec(KeySpec.ECC_SECG_P256_K1).keyUsage(KeyUsageType.SIGN_VERIFY))
              .keyMetadata()
              .keyId();
      keyAddress = new KmsSigner(kms, keyId).address();
    }
  }

  @AfterAll
  static void stop() {
    if (secretsManager != null) {
      secretsManager.close();
    }
    if (moto != null) {
      moto.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
    if (sqs != null) {
      sqs.close();
    }
  }

  /** The function's context, from its template environment plus the emulator endpoints. */
  private static ApplicationContext contextOf(String function) {
    Map<String, Object> env = new HashMap<>();
    StringBuilder secretArns = new StringBuilder();
    EnvironmentTemplateTest.environment(Deployments.kms().template(), function)
        .forEach(
            (name, value) -> {
              if (value instanceof String literal) {
                env.put(name, literal);
              } else if (name.equals("TOLLGATE_SIGNER_KMS_KEY_ID")) {
                env.put(name, keyId);
              } else if (name.equals("TOLLGATE_EVENTS_QUEUE_URL")) {
                env.put(name, sqs.endpoint() + "/000000000000/tollgate-events.fifo");
              } else if (name.equals(SecretReferences.ENVIRONMENT_VARIABLE)) {
                secretArns.append(secretArnsIn(value));
              } else {
                throw new AssertionError("unexpected reference in " + name + ": " + value);
              }
            });
    Map<String, Object> secrets = new HashMap<>();
    if (secretArns.length() > 0) {
      // What the functions' configurer does at container start, against moto's Secrets Manager.
      secrets.putAll(
          new SecretsManagerProperties(secretsClient())
              .load(SecretReferences.parse(secretArns.toString())));
    }
    env.put("TOLLGATE_KMS_ENDPOINT", moto.endpoint().toString());
    env.put("TOLLGATE_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
    env.put("TOLLGATE_SQS_ENDPOINT", sqs.endpoint().toString());
    return GatewayHandler.contextBuilder()
        .environmentPropertySource(false)
        .propertySources(
            PropertySource.of(
                "lambda-environment", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE),
            PropertySource.of("secrets", secrets))
        .build()
        .start();
  }

  /**
   * The template's {@code TOLLGATE_SECRET_ARNS} (a join of literal {@code property=} texts, each
   * followed by its secret's reference) with each reference replaced by a secret stored in moto: a
   * generated-looking 64-hex paywall secret, the operator token and each publisher's token.
   */
  private static String secretArnsIn(Object joined) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (Object part :
        TemplateJson.list(TemplateJson.list(TemplateJson.map(joined).get("Fn::Join")).get(1))) {
      if (part instanceof String literal) {
        String property = literal.replaceFirst("^,", "");
        assertThat(property).as(literal).endsWith("=");
        property = property.substring(0, property.length() - 1);
        values.put(property, SECRET_VALUES.get(property));
      }
    }
    assertThat(values.keySet())
        .as("the secrets the gateway reads")
        .containsExactlyInAnyOrderElementsOf(SECRET_VALUES.keySet());
    StringBuilder arns = new StringBuilder();
    values.forEach(
        (property, value) -> {
          String arn =
              secretsClient()
                  .createSecret(r -> r.name(property + "-" + System.nanoTime()).secretString(value))
                  .arn();
          arns.append(arns.length() == 0 ? "" : ",").append(property).append('=').append(arn);
        });
    return arns.toString();
  }

  private static SecretsManagerClient secretsClient() {
    if (secretsManager == null) {
      secretsManager = newSecretsClient();
    }
    return secretsManager;
  }

  private static SecretsManagerClient newSecretsClient() {
    return SecretsManagerClient.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void theGatewayHasTheConfiguredChainPricesTablesAndKey() {
    try (ApplicationContext context = contextOf("Gateway")) {
      GatewayNetwork network = context.getBean(GatewayNetwork.class);
      assertThat(network.chainId()).isEqualTo(Long.parseLong(Deployments.CHAIN_ID));
      assertThat(network.context().channelFactoryAddress())
          .isEqualTo(Address.fromHex(Deployments.FACTORY));
      assertThat(network.context().transferRegistryAddress())
          .isEqualTo(Address.fromHex(Deployments.REGISTRY));
      assertThat(network.mastercopy()).isEqualTo(Address.fromHex(Deployments.MASTERCOPY));
      assertThat(network.hashlockDefinition()).isEqualTo(Address.fromHex(Deployments.HASHLOCK));
      assertThat(network.withdrawDefinition()).isEqualTo(Address.fromHex(Deployments.WITHDRAW));
      assertThat(network.acceptedAssets()).containsExactly(Address.fromHex(Deployments.ASSET));
      assertThat(context.getBean(Signer.class).address()).isEqualTo(keyAddress);
      assertThat(context.getBean(TableNames.class).channels()).isEqualTo("tollgate-channels");
      assertThat(context.getBean(SetupRateLimit.class).limits())
          .as("the setup rate limits, from the template's defaults")
          .isEqualTo(new SetupLimits(60, 3, 3_600));

      PriceList prices = context.getBean(PriceList.class);
      PricedRoute article = prices.routeFor("/paid/articles/42").orElseThrow();
      assertThat(article.price()).isEqualTo(Uint256.parse(Deployments.ARTICLE_PRICE));
      assertThat(article.description()).isEqualTo("One article");
      assertThat(article.mimeType()).isEqualTo("text/html");
      assertThat(prices.routeFor("/paid/api/quotes").orElseThrow().price())
          .isEqualTo(Uint256.parse("100"));
      assertThat(prices.routes()).hasSize(2);
      assertThat(context.containsBean(PaidRequests.class)).isTrue();
      assertThat(context.containsBean(OperatorReports.class)).isTrue();
      assertThat(context.getProperty("tollgate.operator.token", String.class))
          .hasValue(OPERATOR_TOKEN);
    }
  }

  @Test
  void theGatewayReadsEachPublishersTokenAndPrefixesAsItsProperties() {
    try (ApplicationContext context = contextOf("Gateway")) {
      assertThat(context.getProperty("tollgate.publishers.news.token", String.class))
          .hasValue(NEWS_TOKEN);
      assertThat(context.getProperty("tollgate.publishers.blog.token", String.class))
          .hasValue(BLOG_TOKEN);
      assertThat(
              context.getProperty(
                  "tollgate.publishers.news.resources", Argument.listOf(String.class)))
          .hasValue(List.of(Deployments.NEWS_ARTICLES, Deployments.NEWS_VIDEO));
      assertThat(
              context.getProperty(
                  "tollgate.publishers.blog.resources", Argument.listOf(String.class)))
          .hasValue(List.of(Deployments.BLOG));
    }
  }

  @Test
  void theApiForwardsExactlyTheRoutesTheGatewayServes() {
    try (ApplicationContext context = contextOf("Gateway")) {
      Set<String> served =
          context
              .getBean(Router.class)
              .uriRoutes()
              // Micronaut answers HEAD beside every GET; the API forwards GET and POST only.
              .filter(r -> !r.getHttpMethodName().equals("HEAD"))
              .map(
                  r ->
                      r.getHttpMethodName()
                          + " "
                          + r.getUriMatchTemplate()
                              .toString()
                              .replaceAll("\\{\\?[^}]*}", "")
                              .replaceAll("\\{\\+([a-zA-Z]+)}", "{$1+}"))
              .collect(Collectors.toSet());
      Set<String> forwarded =
          GatewayRoute.all(true).stream().map(GatewayRoute::routeKey).collect(Collectors.toSet());
      assertThat(forwarded).isEqualTo(served);
    }
  }

  @Test
  void theChainEventFunctionsStartWithoutThePaywall() {
    try (ApplicationContext watcher = contextOf("Watcher")) {
      assertThat(watcher.getBean(WatcherSettings.class).confirmations()).isEqualTo(6);
      assertThat(watcher.containsBean(PaidRequests.class)).isFalse();
      assertThat(watcher.getBean(Signer.class).address()).isEqualTo(keyAddress);
    }
    for (String function : new String[] {"Processor", "Keeper"}) {
      try (ApplicationContext context = contextOf(function)) {
        assertThat(context.getBean(EventBatch.class)).isNotNull();
        assertThat(context.getProperty("tollgate.chain.sender.receipt-timeout-seconds", Long.class))
            .hasValue(240L);
        assertThat(context.getProperty("tollgate.disputes.scan-max-blocks-per-run", Long.class))
            .as("the dispute scan's bound, from the template's default")
            .hasValue(50_000L);
        assertThat(context.containsBean(PaidRequests.class)).isFalse();
        assertThat(context.containsBean(OperatorReports.class)).isFalse();
      }
    }
  }
}

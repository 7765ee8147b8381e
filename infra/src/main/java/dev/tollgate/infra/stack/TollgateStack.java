package dev.tollgate.infra.stack;

import dev.tollgate.infra.config.DeploymentConfig;
import dev.tollgate.infra.config.PricedRouteConfig;
import dev.tollgate.infra.config.PublisherConfig;
import dev.tollgate.infra.config.Setting;
import dev.tollgate.infra.config.SettingValue;
import dev.tollgate.infra.config.SignerMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Everything the gateway needs in one AWS account and region: its tables, event queue, keys and
 * secrets, the four functions with only the access each uses, the HTTP API, the schedules, and the
 * alarms and dashboard.
 */
public final class TollgateStack extends Stack {
  private final EventQueue events;
  private final SigningKeys keys;
  private final GatewaySecrets secrets;
  private final GatewayFunction gateway;
  private final GatewayFunction watcher;
  private final GatewayFunction processor;
  private final GatewayFunction keeper;

  /**
   * @param functionsPackage the functions module's Lambda package ({@code
   *     functions-<version>-lambda.zip}); every function runs from it
   */
  public TollgateStack(
      Construct scope,
      String id,
      StackProps props,
      DeploymentConfig config,
      Path functionsPackage) {
    super(scope, id, props);
    if (!Files.isRegularFile(functionsPackage)) {
      throw new IllegalArgumentException(
          "the functions' Lambda package is missing: "
              + functionsPackage
              + " (build it with ./mvnw -pl functions -am package -DskipTests)");
    }
    Code code = Code.fromAsset(functionsPackage.toString());
    RetentionDays retention = GatewayFunction.retentionOf(config.logRetentionDays());

    GatewayTables tables = new GatewayTables(this, "Tables", config.tablePrefix());
    events =
        new EventQueue(
            this, "Events", config.tablePrefix(), FunctionSpec.PROCESSOR.timeoutSeconds());
    keys = new SigningKeys(this, "Keys", config.keyAdminArns());
    secrets = new GatewaySecrets(this, "Secrets", config.operatorRoutes(), config.publishers());

    Map<String, String> common = commonEnvironment(config);

    Map<String, String> gatewayEnv = new LinkedHashMap<>(common);
    gatewayEnv.putAll(routeEnvironment(config.routes()));
    gatewayEnv.putAll(publisherEnvironment(config.publishers()));
    gatewayEnv.put("TOLLGATE_SECRET_ARNS", secretArns());
    gateway =
        new GatewayFunction(
            this, FunctionSpec.GATEWAY, code, gatewayEnv, config.logRetentionDays());

    Map<String, String> watcherEnv = new LinkedHashMap<>(common);
    watcherEnv.put("TOLLGATE_EVENTS_QUEUE_URL", events.queue().getQueueUrl());
    watcher =
        new GatewayFunction(
            this, FunctionSpec.WATCHER, code, watcherEnv, config.logRetentionDays());

    Map<String, String> chainActionEnv = new LinkedHashMap<>(common);
    chainActionEnv.put(
        "TOLLGATE_CHAIN_SENDER_RECEIPT_TIMEOUT_SECONDS",
        Integer.toString(FunctionSpec.SENDER_RECEIPT_SECONDS));
    processor =
        new GatewayFunction(
            this, FunctionSpec.PROCESSOR, code, chainActionEnv, config.logRetentionDays());
    keeper =
        new GatewayFunction(
            this, FunctionSpec.KEEPER, code, chainActionEnv, config.logRetentionDays());

    TableAccess.gateway(gateway, tables);
    TableAccess.watcher(watcher, tables);
    TableAccess.processor(processor, tables);
    TableAccess.keeper(keeper, tables);
    signingAccess(config.signerMode());
    secrets.paywallSecret().grantRead(gateway.role());
    secrets.operatorToken().ifPresent(token -> token.grantRead(gateway.role()));
    secrets.publisherTokens().values().forEach(token -> token.grantRead(gateway.role()));
    watcher.allow(List.of("sqs:SendMessage"), List.of(events.queue().getQueueArn()));

    processor
        .alias()
        .addEventSource(
            SqsEventSource.Builder.create(events.queue())
                .batchSize(10)
                .reportBatchItemFailures(true)
                .build());
    schedule("WatcherSchedule", watcher, config.watcherRateMinutes());
    schedule("KeeperSchedule", keeper, config.keeperRateMinutes());

    GatewayApi api =
        new GatewayApi(
            this,
            "Http",
            gateway.alias(),
            GatewayRoute.all(config.operatorRoutes()),
            config.allowedOrigins(),
            config.apiRateLimit(),
            config.apiBurstLimit(),
            retention);

    Monitoring monitoring =
        new Monitoring(
            this,
            "Monitoring",
            api,
            List.of(gateway, watcher, processor, keeper),
            events,
            List.of(processor, keeper),
            config.alarmEmail());

    output("ApiUrl", api.url(), "The gateway's base URL: give it to publishers and payers");
    output(
        "SigningKeyId",
        keys.signingKey().getKeyId(),
        "The KMS key (secp256k1) the gateway signs with in the kms mode");
    output(
        "WrappingKeyId",
        keys.wrappingKey().getKeyId(),
        "The KMS key that wraps the signing key in the wrapped mode (./tollgate wrap-key)");
    output(
        "GatewayAddressCommand",
        config.signerMode() == SignerMode.KMS
            ? "./tollgate gateway-address --kms-key-id " + keys.signingKey().getKeyId()
            : "curl <ApiUrl>gateway   (or the address ./tollgate wrap-key printed)",
        "The gateway's Ethereum address (fund it with gas). In the wrapped mode only the functions"
            + " may decrypt the wrapped key, so the address is read from the running gateway");
    output("EventQueueUrl", events.queue().getQueueUrl(), "The chain-event queue");
    output("DeadLetterQueueUrl", events.deadLetters().getQueueUrl(), "Failed chain events");
    output("AlarmTopicArn", monitoring.alarmTopic().getTopicArn(), "Subscribe to the alarms here");
    output("DashboardName", monitoring.dashboard().getDashboardName(), "The CloudWatch dashboard");
    secrets
        .operatorToken()
        .ifPresent(
            token ->
                output(
                    "OperatorTokenSecretArn",
                    token.getSecretArn(),
                    "aws secretsmanager get-secret-value --secret-id <arn> --query SecretString"));
    secrets
        .publisherTokens()
        .forEach(
            (publisher, token) ->
                output(
                    "Publisher" + publisher.idPart() + "TokenSecretArn",
                    token.getSecretArn(),
                    "Publisher "
                        + publisher.name()
                        + "'s bearer token for /quote, /verify, /settle: aws secretsmanager"
                        + " get-secret-value --secret-id <arn> --query SecretString"));
  }

  /** What every function reads: chain, contracts, asset, signer, tables. */
  private Map<String, String> commonEnvironment(DeploymentConfig config) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Setting s : Setting.values()) {
      if (config.settings().containsKey(s)) {
        env.put(s.environmentVariable(), resolve(config.get(s)));
      }
    }
    env.put("TOLLGATE_TABLES_PREFIX", config.tablePrefix());
    env.put("TOLLGATE_SIGNER_MODE", config.signerMode().property());
    if (config.signerMode() == SignerMode.KMS) {
      env.put("TOLLGATE_SIGNER_KMS_KEY_ID", keys.signingKey().getKeyArn());
    } else {
      env.put("TOLLGATE_SIGNER_WRAPPING_KEY_ID", keys.wrappingKey().getKeyArn());
    }
    return env;
  }

  private Map<String, String> routeEnvironment(List<PricedRouteConfig> routes) {
    Map<String, String> env = new LinkedHashMap<>();
    for (PricedRouteConfig r : routes) {
      env.put(r.environmentVariable("PREFIX"), r.prefix());
      env.put(r.environmentVariable("PRICE"), resolve(r.price()));
      env.put(r.environmentVariable("DESCRIPTION"), r.description());
      env.put(r.environmentVariable("MIME_TYPE"), r.mimeType());
      r.upstream().ifPresent(u -> env.put(r.environmentVariable("UPSTREAM"), u));
    }
    return env;
  }

  /**
   * Only the prefixes: a publisher's token is a secret and reaches the gateway through {@code
   * TOLLGATE_SECRET_ARNS}. Micronaut reads the comma-separated value as a list.
   */
  private Map<String, String> publisherEnvironment(List<PublisherConfig> publishers) {
    Map<String, String> env = new LinkedHashMap<>();
    for (PublisherConfig p : publishers) {
      env.put(p.environmentVariable(), String.join(",", p.resources()));
    }
    return env;
  }

  /** A literal as it is; an SSM parameter as CloudFormation's deploy-time reference to it. */
  private String resolve(SettingValue value) {
    if (value instanceof SettingValue.Literal literal) {
      return literal.value();
    }
    String name = ((SettingValue.FromSsm) value).parameterName();
    return StringParameter.valueForStringParameter(this, name);
  }

  private String secretArns() {
    StringJoiner arns = new StringJoiner(",");
    arns.add("tollgate.paywall.secret=" + secrets.paywallSecret().getSecretArn());
    secrets
        .operatorToken()
        .ifPresent(token -> arns.add("tollgate.operator.token=" + token.getSecretArn()));
    secrets
        .publisherTokens()
        .forEach(
            (publisher, token) -> arns.add(publisher.tokenProperty() + "=" + token.getSecretArn()));
    return arns.toString();
  }

  /**
   * KMS access by mode, granted twice: in each role's IAM policy and in the key's own policy, which
   * names the role (the key policy no longer trusts the account's IAM policies for use). In the kms
   * mode every function reads the signing key's public key (its address); only those that sign may
   * sign: the watcher never does. In the wrapped mode each decrypts the wrapped key once, and only
   * a ciphertext bound to the signing-key purpose.
   */
  private void signingAccess(SignerMode mode) {
    if (mode == SignerMode.KMS) {
      String key = keys.signingKey().getKeyArn();
      for (GatewayFunction f : List.of(gateway, processor, keeper)) {
        f.allow(List.of("kms:GetPublicKey", "kms:Sign"), List.of(key));
        keys.allowSigning(f.getNode().getId() + "Signs", f.role());
      }
      watcher.allow(List.of("kms:GetPublicKey"), List.of(key));
      keys.allowPublicKey(watcher.getNode().getId() + "ReadsThePublicKey", watcher.role());
      return;
    }
    for (GatewayFunction f : List.of(gateway, watcher, processor, keeper)) {
      f.role()
          .addToPrincipalPolicy(
              PolicyStatement.Builder.create()
                  .actions(List.of("kms:Decrypt"))
                  .resources(List.of(keys.wrappingKey().getKeyArn()))
                  .conditions(Map.of("StringEquals", SigningKeys.purposeContext()))
                  .build());
      keys.allowUnwrapping(f.getNode().getId() + "UnwrapsTheSigningKey", f.role());
    }
  }

  /**
   * A schedule invokes the function's alias asynchronously. No retries: the next scheduled run does
   * the same work from the stored cursor or dispute records, and a retry would only queue up behind
   * the reserved concurrency of one.
   */
  private void schedule(String id, GatewayFunction f, int minutes) {
    f.alias()
        .configureAsyncInvoke(
            EventInvokeConfigOptions.builder()
                .retryAttempts(0)
                .maxEventAge(Duration.minutes(minutes))
                .build());
    Rule.Builder.create(this, id)
        .description("Runs the " + f.getNode().getId() + " every " + minutes + " minute(s)")
        .schedule(Schedule.rate(Duration.minutes(minutes)))
        .targets(List.of(LambdaFunction.Builder.create(f.alias()).retryAttempts(0).build()))
        .build();
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }
}

package dev.tollgate.functions.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the properties named in {@value SecretReferences#ENVIRONMENT_VARIABLE} into every context
 * Micronaut builds in this process, read from Secrets Manager before the context starts: on AWS the
 * paywall secret and the operator token never sit in a function's environment, and the beans that
 * read {@code tollgate.paywall.secret} or require {@code tollgate.operator.token} see them as any
 * other property. Without the variable nothing changes (the local stack, the tests).
 *
 * <p>Micronaut finds this class through the service entry {@code @ContextConfigurer} generates and
 * calls it from every {@code ApplicationContextBuilder}'s constructor, so the Lambda handlers'
 * no-argument constructors take it up. The region comes from the SDK's default chain ({@code
 * AWS_REGION} on Lambda); {@value #ENDPOINT_VARIABLE} points the client at an emulator instead.
 */
@ContextConfigurer
public final class SecretsContextConfigurer implements ApplicationContextConfigurer {
  public static final String ENDPOINT_VARIABLE = "TOLLGATE_SECRETSMANAGER_ENDPOINT";

  /**
   * Above the configuration files, environment variables (-200) and system properties (-100): a
   * property the deployment says is a secret is the secret's value, even if a plain one is also
   * set. Below a builder's own {@code properties(...)} (0), which tests use.
   */
  public static final int ORDER = -50;

  static final String SOURCE_NAME = "tollgate-secrets";

  @Override
  public void configure(ApplicationContextBuilder builder) {
    configure(builder, System.getenv());
  }

  void configure(ApplicationContextBuilder builder, Map<String, String> environment) {
    propertySource(environment).ifPresent(builder::propertySources);
  }

  /** The secrets' property source, or empty when the environment names no secrets. */
  static Optional<PropertySource> propertySource(Map<String, String> environment) {
    String spec = environment.get(SecretReferences.ENVIRONMENT_VARIABLE);
    if (spec == null) {
      return Optional.empty();
    }
    List<SecretReference> references = SecretReferences.parse(spec);
    Optional<String> endpoint = nonBlank(environment.get(ENDPOINT_VARIABLE));
    Optional<String> region = nonBlank(environment.get("AWS_REGION"));
    try (var client = AwsClients.secretsManager(endpoint, region)) {
      Map<String, Object> properties = new SecretsManagerProperties(client).load(references);
      return Optional.of(PropertySource.of(SOURCE_NAME, properties, ORDER));
    }
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }
}

package dev.tollgate.functions.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS clients for the real services, or for local emulators when an endpoint is given: then the
 * credentials are placeholders, since emulators accept any and a developer's real ones must never
 * be sent to them.
 */
public final class AwsClients {
  private AwsClients() {}

  /**
   * The gateway's DynamoDB client: every call bounded by {@code timeouts}, {@code interceptors}
   * added after the SDK's own.
   */
  static DynamoDbClient dynamo(
      Optional<String> endpoint,
      Optional<String> region,
      AwsTimeouts timeouts,
      List<ExecutionInterceptor> interceptors) {
    return configure(DynamoDbClient.builder(), endpoint, region)
        .overrideConfiguration(override(timeouts, interceptors))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A KMS client with the SDK's default timeouts, for a command run by hand. */
  public static KmsClient kms(Optional<String> endpoint, Optional<String> region) {
    return configure(KmsClient.builder(), endpoint, region)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** The gateway's KMS client, as {@link #dynamo} is its DynamoDB client. */
  static KmsClient kms(
      Optional<String> endpoint,
      Optional<String> region,
      AwsTimeouts timeouts,
      List<ExecutionInterceptor> interceptors) {
    return configure(KmsClient.builder(), endpoint, region)
        .overrideConfiguration(override(timeouts, interceptors))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static SqsClient sqs(Optional<String> endpoint, Optional<String> region) {
    return configure(SqsClient.builder(), endpoint, region)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static SecretsManagerClient secretsManager(Optional<String> endpoint, Optional<String> region) {
    return configure(SecretsManagerClient.builder(), endpoint, region)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static ClientOverrideConfiguration override(
      AwsTimeouts timeouts, List<ExecutionInterceptor> interceptors) {
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
    timeouts.applyTo(override);
    interceptors.forEach(override::addExecutionInterceptor);
    return override.build();
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, Optional<String> endpoint, Optional<String> region) {
    region.map(Region::of).ifPresent(builder::region);
    if (endpoint.isPresent()) {
      builder
          .endpointOverride(URI.create(endpoint.get()))
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
      if (region.isEmpty()) {
        builder.region(Region.US_EAST_1);
      }
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder;
  }
}

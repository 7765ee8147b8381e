package dev.tollgate.functions.config;

import dev.tollgate.functions.adapter.kms.MotoKmsServer;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * moto's Secrets Manager (the moto server the KMS tests use serves every moto service on its port),
 * with helpers to store secrets. Values are random per run, so a test that looks for a value where
 * it must not be cannot pass by luck.
 */
final class MotoSecrets implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MotoKmsServer moto;
  private final SecretsManagerClient client;

  private MotoSecrets(MotoKmsServer moto) {
    this.moto = moto;
    this.client =
        SecretsManagerClient.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  static MotoSecrets start() {
    return new MotoSecrets(MotoKmsServer.start());
  }

  URI endpoint() {
    return moto.endpoint();
  }

  SecretsManagerClient client() {
    return client;
  }

  /** Stores {@code value} as a text secret and returns its ARN. */
  String storeText(String name, String value) {
    return client.createSecret(b -> b.name(name).secretString(value)).arn();
  }

  /** Stores a binary-only secret and returns its ARN. */
  String storeBinary(String name, byte[] value) {
    return client.createSecret(b -> b.name(name).secretBinary(SdkBytes.fromByteArray(value))).arn();
  }

  /** 32 random bytes in hex: a paywall secret's shape. */
  static String randomHex() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      moto.close();
    }
  }
}

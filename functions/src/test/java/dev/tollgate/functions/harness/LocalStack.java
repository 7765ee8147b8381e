package dev.tollgate.functions.harness;

import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * LocalStack in a Docker container (Testcontainers), started for one test class and stopped after
 * it.
 *
 * <p>Test classes using it are annotated {@code @Testcontainers(disabledWithoutDocker = true)} and
 * call {@link #start} from their setup, never from a field initialiser: constructing a {@link
 * LocalStackContainer} already asks Docker for its socket, whereas a class disabled for want of
 * Docker never runs its setup, so nothing is constructed and no image is pulled.
 */
public final class LocalStack implements AutoCloseable {
  /**
   * A fixed release, so that every run with Docker emulates the same thing. Its KMS signs a
   * MessageType DIGEST message as it is and creates ECC_SECG_P256K1 keys; its DynamoDB is DynamoDB
   * Local inside the container.
   */
  public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4.0");

  private final LocalStackContainer container;

  private LocalStack(LocalStackContainer container) {
    this.container = container;
  }

  /** Starts a container with {@code services} loaded before it reports ready. */
  public static LocalStack start(Service... services) {
    LocalStackContainer container = new LocalStackContainer(IMAGE).withServices(services);
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      throw e;
    }
    return new LocalStack(container);
  }

  public DynamoDbClient dynamoDbClient() {
    return DynamoDbClient.builder()
        .endpointOverride(container.getEndpoint())
        .region(Region.of(container.getRegion()))
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public KmsClient kmsClient() {
    return KmsClient.builder()
        .endpointOverride(container.getEndpoint())
        .region(Region.of(container.getRegion()))
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
  }

  @Override
  public void close() {
    container.stop();
  }
}

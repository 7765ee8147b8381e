package dev.tollgate.functions.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.adapter.kms.MotoKmsServer;
import dev.tollgate.functions.faults.WireError.Service;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * The faults the other tests inject look to the SDK exactly like the services' own errors: an error
 * thrown before sending ({@link WireError#refused}) is the exception the SDK reads from the same
 * error put on the wire in place of the service's answer, class, status, code, service and retry
 * classification alike. The wire form is read by the SDK's own unmarshaller from a real (emulated)
 * call without effects: a DynamoDB GetItem, a KMS Sign.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireErrorFidelityTest {
  private DynamoDbLocal dynamo;
  private MotoKmsServer moto;
  private String keyId;

  @BeforeAll
  void start() throws Exception {
    dynamo = DynamoDbLocal.start();
    moto = MotoKmsServer.start();
    try (KmsClient kms = moto.newClient()) {
      keyId =
          kms.createKey(r -> r.keySpec(KeySpec.ECC_SECG_P256_K1).keyUsage(KeyUsageType.SIGN_VERIFY))
              .keyMetadata()
              .keyId();
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (moto != null) {
      moto.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
  }

  @Test
  void dynamoDbThrottlesReadFromTheWireAreTheOnesThrownBeforeSending() {
    for (String code :
        List.of(
            "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "RequestLimitExceeded")) {
      WireError error = WireError.refused(Service.DYNAMODB, 400, code);

      AwsServiceException onTheWire = dynamoFailure(error.inPlaceOfTheAnswer());
      AwsServiceException thrown = dynamoFailure(error);

      assertSameForTheSdk(thrown, onTheWire);
      assertThat(onTheWire.isThrottlingException()).as(code).isTrue();
    }
  }

  @Test
  void aTransactionCancelledForAThrottledItemCarriesItsReasonsBothWays() {
    WireError error = WireError.transactionThrottled(4);

    TransactionCanceledException onTheWire =
        (TransactionCanceledException) dynamoFailure(error.inPlaceOfTheAnswer());
    TransactionCanceledException thrown = (TransactionCanceledException) dynamoFailure(error);

    assertSameForTheSdk(thrown, onTheWire);
    assertThat(onTheWire.isThrottlingException()).isFalse();
    assertThat(onTheWire.cancellationReasons())
        .extracting(CancellationReason::code)
        .containsExactly("ThrottlingError", "None", "None", "None");
    assertThat(thrown.cancellationReasons()).isEqualTo(onTheWire.cancellationReasons());
  }

  @Test
  void kmsErrorsReadFromTheWireAreTheOnesThrownBeforeSending() {
    Map<String, Integer> errors =
        Map.of(
            "KMSInternalException", 500,
            "ThrottlingException", 400,
            "KMSInvalidStateException", 400,
            "DisabledException", 400);
    errors.forEach(
        (code, status) -> {
          WireError error = WireError.refused(Service.KMS, status, code);

          AwsServiceException onTheWire = kmsFailure(error.inPlaceOfTheAnswer());
          AwsServiceException thrown = kmsFailure(error);

          assertSameForTheSdk(thrown, onTheWire);
          assertThat(onTheWire.isThrottlingException())
              .as(code)
              .isEqualTo(code.equals("ThrottlingException"));
        });
  }

  private static void assertSameForTheSdk(AwsServiceException thrown, AwsServiceException wire) {
    String code = wire.awsErrorDetails().errorCode();
    assertThat(thrown).as(code).hasSameClassAs(wire);
    assertThat(thrown.statusCode()).as(code).isEqualTo(wire.statusCode());
    assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(thrown.awsErrorDetails().serviceName())
        .as(code)
        .isEqualTo(wire.awsErrorDetails().serviceName());
    assertThat(thrown.isThrottlingException()).as(code).isEqualTo(wire.isThrottlingException());
    assertThat(thrown.retryable()).as(code).isEqualTo(wire.retryable());
  }

  /** What one GetItem attempt, struck by {@code error}, throws. */
  private AwsServiceException dynamoFailure(WireError error) {
    FaultInjector faults = new FaultInjector().inject("GetItem", error, 1);
    try (DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(dynamo.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .overrideConfiguration(once(faults))
            .build()) {
      return catchThrowableOfType(
          () ->
              client.getItem(
                  r -> r.tableName("absent").key(Map.of("pk", AttributeValue.fromS("x")))),
          AwsServiceException.class);
    }
  }

  /** What one Sign attempt, struck by {@code error}, throws. */
  private AwsServiceException kmsFailure(WireError error) {
    FaultInjector faults = new FaultInjector().inject("Sign", error, 1);
    try (KmsClient client =
        KmsClient.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .overrideConfiguration(once(faults))
            .build()) {
      return catchThrowableOfType(
          () ->
              client.sign(
                  r ->
                      r.keyId(keyId)
                          .message(SdkBytes.fromByteArray(new byte[32]))
                          .messageType(MessageType.DIGEST)
                          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)),
          AwsServiceException.class);
    }
  }

  private static Consumer<ClientOverrideConfiguration.Builder> once(ExecutionInterceptor faults) {
    return o -> o.addExecutionInterceptor(faults).retryStrategy(AwsRetryStrategy.doNotRetry());
  }
}

package dev.tollgate.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.functions.refusal.GatewayReason;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;

/**
 * How an AWS failure reaches the caller (the fault-injection tests show it end to end, through the
 * SDK's retries): passing ones as {@code 503 service_unavailable} with {@code Retry-After}, a key
 * that cannot sign as {@code signer_unavailable}, the rest as {@code internal_error}.
 */
class AwsFailureTest {
  private static final Optional<Duration> AGAIN = Optional.of(Duration.ofSeconds(1));

  @Test
  void throttlingTimeoutsServerErrorsAndUnreachableEndpointsPass() {
    List<SdkException> passing =
        List.of(
            ApiCallTimeoutException.create(4_000),
            ApiCallAttemptTimeoutException.create(2_000),
            service(
                ProvisionedThroughputExceededException.builder(),
                "DynamoDb",
                400,
                "ProvisionedThroughputExceededException"),
            service(DynamoDbException.builder(), "DynamoDb", 400, "RequestLimitExceeded"),
            service(KmsException.builder(), "Kms", 400, "ThrottlingException"),
            service(KmsException.builder(), "Kms", 500, "KMSInternalException"),
            service(DynamoDbException.builder(), "DynamoDb", 503, "ServiceUnavailable"),
            cancelled("ThrottlingError"),
            cancelled("TransactionConflict"),
            SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("refused")));

    for (SdkException e : passing) {
      AwsFailure failure = AwsFailure.of(e);
      assertThat(failure.reason()).as(e.toString()).isEqualTo(GatewayReason.SERVICE_UNAVAILABLE);
      assertThat(failure.retryAfter()).as(e.toString()).isEqualTo(AGAIN);
      assertThat(failure.refusal().httpStatus()).isEqualTo(503);
      assertThat(failure.detail()).contains("send the same request again");
    }
  }

  @Test
  void aKeyThatCannotSignNeedsTheOperator() {
    for (String code :
        List.of("KMSInvalidStateException", "DisabledException", "KeyUnavailableException")) {
      AwsFailure failure =
          AwsFailure.of(service(KmsInvalidStateException.builder(), "Kms", 400, code));

      assertThat(failure.reason()).as(code).isEqualTo(GatewayReason.SIGNER_UNAVAILABLE);
      assertThat(failure.retryAfter()).as(code).isEmpty();
      assertThat(failure.detail()).contains(code);
    }
  }

  @Test
  void anythingElseIsTheGatewaysOwnFailureNamingServiceAndCode() {
    AwsFailure validation =
        AwsFailure.of(service(DynamoDbException.builder(), "DynamoDb", 400, "ValidationException"));
    AwsFailure conditionOnly = AwsFailure.of(cancelled("ConditionalCheckFailed"));
    AwsFailure client = AwsFailure.of(SdkClientException.create("Unable to load region"));

    assertThat(validation.reason()).isEqualTo(GatewayReason.INTERNAL_ERROR);
    assertThat(validation.detail()).contains("DynamoDb").contains("ValidationException");
    assertThat(validation.retryAfter()).isEmpty();
    assertThat(conditionOnly.reason()).isEqualTo(GatewayReason.INTERNAL_ERROR);
    assertThat(client.reason()).isEqualTo(GatewayReason.INTERNAL_ERROR);
    assertThat(client.refusal().httpStatus()).isEqualTo(500);
  }

  private static AwsServiceException service(
      AwsServiceException.Builder builder, String service, int status, String code) {
    return builder
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .serviceName(service)
                .errorCode(code)
                .errorMessage(code)
                .build())
        .message(code)
        .build();
  }

  private static AwsServiceException cancelled(String reason) {
    return service(
        TransactionCanceledException.builder()
            .cancellationReasons(
                CancellationReason.builder().code(reason).build(),
                CancellationReason.builder().code("None").build()),
        "DynamoDb",
        400,
        "TransactionCanceledException");
  }
}

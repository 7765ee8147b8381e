package dev.tollgate.functions.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * An error as DynamoDB, KMS or SQS sends it: an HTTP status, an error code and a message in the
 * service's JSON protocol. {@link #answered} puts it on the wire in place of the service's answer,
 * for the SDK to read like any other (the service did the work: only for calls without effects);
 * {@link #refused} throws, before the request is sent, the exception the SDK reads from that answer
 * (the same class, status, code and service: {@code WireErrorFidelityTest} checks both agree), for
 * writes the service must never see.
 */
public record WireError(
    Service service,
    int status,
    String code,
    String message,
    List<String> cancellationReasons,
    boolean reachesService)
    implements Fault {

  public WireError {
    cancellationReasons = List.copyOf(cancellationReasons);
  }

  /** The two services' JSON protocols. */
  public enum Service {
    DYNAMODB("DynamoDb", "application/x-amz-json-1.0", "com.amazonaws.dynamodb.v20120810#"),
    KMS("Kms", "application/x-amz-json-1.1", ""),
    SQS("Sqs", "application/x-amz-json-1.0", "com.amazonaws.sqs#");

    final String sdkName;
    final String contentType;
    final String typePrefix;

    Service(String sdkName, String contentType, String typePrefix) {
      this.sdkName = sdkName;
      this.contentType = contentType;
      this.typePrefix = typePrefix;
    }
  }

  public static WireError refused(Service service, int status, String code) {
    return new WireError(service, status, code, messageFor(code), List.of(), false);
  }

  public static WireError answered(Service service, int status, String code) {
    return new WireError(service, status, code, messageFor(code), List.of(), true);
  }

  /**
   * DynamoDB cancelling a transaction of {@code items} items because one was throttled: the
   * throttle comes back as a cancellation reason, which the SDK does not retry.
   */
  public static WireError transactionThrottled(int items) {
    List<String> reasons = new ArrayList<>(List.of("ThrottlingError"));
    while (reasons.size() < items) {
      reasons.add("None");
    }
    return new WireError(
        Service.DYNAMODB,
        400,
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons " + reasons,
        reasons,
        false);
  }

  /** The same error, in place of the service's answer. */
  public WireError inPlaceOfTheAnswer() {
    return new WireError(service, status, code, message, cancellationReasons, true);
  }

  SdkHttpResponse httpResponse() {
    return SdkHttpResponse.builder()
        .statusCode(status)
        .putHeader("Content-Type", service.contentType)
        .putHeader("Content-Length", Integer.toString(body().length))
        .putHeader("x-amzn-RequestId", requestId())
        .build();
  }

  byte[] body() {
    StringBuilder json = new StringBuilder("{\"__type\":\"");
    json.append(service.typePrefix).append(code).append("\",\"message\":\"").append(message);
    json.append('"');
    if (!cancellationReasons.isEmpty()) {
      json.append(",\"CancellationReasons\":[");
      for (int i = 0; i < cancellationReasons.size(); i++) {
        json.append(i == 0 ? "" : ",").append(reasonJson(cancellationReasons.get(i)));
      }
      json.append(']');
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String reasonJson(String code) {
    return code.equals("None")
        ? "{\"Code\":\"None\"}"
        : "{\"Code\":\"" + code + "\",\"Message\":\"" + THROTTLED_ITEM + "\"}";
  }

  private static final String THROTTLED_ITEM =
      "Throughput exceeds the current capacity of your table or index.";

  /** The exception the SDK builds when it reads this error from the wire. */
  AwsServiceException exception() {
    AwsServiceException.Builder builder = builderFor();
    return builder
        .message(message + " (Service: " + service.sdkName + ", Status Code: " + status + ")")
        .statusCode(status)
        .requestId(requestId())
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName(service.sdkName)
                .sdkHttpResponse(httpResponse())
                .rawResponse(SdkBytes.fromByteArray(body()))
                .build())
        .build();
  }

  private AwsServiceException.Builder builderFor() {
    if (code.equals("TransactionCanceledException")) {
      return TransactionCanceledException.builder()
          .cancellationReasons(
              cancellationReasons.stream()
                  .map(
                      r ->
                          r.equals("None")
                              ? CancellationReason.builder().code(r).build()
                              : CancellationReason.builder()
                                  .code(r)
                                  .message(THROTTLED_ITEM)
                                  .build())
                  .toList());
    }
    return switch (service) {
      case DYNAMODB ->
          switch (code) {
            case "ProvisionedThroughputExceededException" ->
                ProvisionedThroughputExceededException.builder();
            case "ThrottlingException" -> ThrottlingException.builder();
            case "RequestLimitExceeded" -> RequestLimitExceededException.builder();
            case "InternalServerError" -> InternalServerErrorException.builder();
            default -> DynamoDbException.builder();
          };
      case KMS ->
          switch (code) {
            case "KMSInternalException" -> KmsInternalException.builder();
            case "KMSInvalidStateException" -> KmsInvalidStateException.builder();
            case "DisabledException" -> DisabledException.builder();
            default -> KmsException.builder();
          };
      case SQS -> SqsException.builder();
    };
  }

  private static String requestId() {
    return UUID.randomUUID().toString();
  }

  /** What the services say, near enough: the payer never sees it, an operator's log does. */
  private static String messageFor(String code) {
    return switch (code) {
      case "ProvisionedThroughputExceededException" ->
          "The level of configured provisioned throughput for the table was exceeded.";
      case "ThrottlingException" -> "Rate of requests exceeds the allowed throughput.";
      case "RequestLimitExceeded" ->
          "Throughput exceeds the current throughput limit for your account.";
      case "KMSInternalException" -> "An internal error occurred.";
      case "KMSInvalidStateException" -> "The key is pending deletion.";
      default -> code;
    };
  }
}

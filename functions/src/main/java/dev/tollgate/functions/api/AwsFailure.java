package dev.tollgate.functions.api;

import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Refusal;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * An AWS call that failed after the SDK's own retries, as the caller hears of it. Throttling, a
 * timeout, a 5xx or an unreachable endpoint pass: {@code service_unavailable}, to be sent again
 * after {@link #RETRY_AFTER}. A KMS key that cannot sign needs its operator: {@code
 * signer_unavailable}. Anything else is the gateway's own failure: {@code internal_error}, naming
 * the service and its error code.
 *
 * <p>A passing failure may have hit a write that DynamoDB committed but whose answer never came
 * back, so the detail promises only what holds either way: the same payment sent again is answered
 * with its receipt and charged once.
 */
record AwsFailure(GatewayReason reason, String detail, Optional<Duration> retryAfter) {
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  /** KMS's error codes for a key that exists but cannot be used now. */
  private static final Set<String> KEY_UNUSABLE =
      Set.of("KMSInvalidStateException", "DisabledException", "KeyUnavailableException");

  /** A transaction's cancellation reasons that say "not now" rather than "not so". */
  private static final Set<String> BUSY_CANCELLATIONS =
      Set.of("ThrottlingError", "TransactionConflict", "ProvisionedThroughputExceeded");

  private static final String SEND_AGAIN =
      "; send the same request again: a payment already taken is answered with its receipt and"
          + " charged once";

  static AwsFailure of(SdkException e) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return passing("an AWS call timed out (" + e.getClass().getSimpleName() + ")");
    }
    if (e instanceof AwsServiceException failed) {
      String service = serviceName(failed);
      String code = errorCode(failed);
      if (KEY_UNUSABLE.contains(code)) {
        return new AwsFailure(
            GatewayReason.SIGNER_UNAVAILABLE,
            "the gateway's KMS key cannot sign (" + code + "); its operator must restore it",
            Optional.empty());
      }
      if (failed.isThrottlingException() || failed.statusCode() >= 500 || busy(failed)) {
        return passing(service + " answered " + code);
      }
      return new AwsFailure(
          GatewayReason.INTERNAL_ERROR,
          service + " refused a call of the gateway with " + code,
          Optional.empty());
    }
    if (hasIoCause(e)) {
      return passing("an AWS service could not be reached (" + rootCause(e) + ")");
    }
    return new AwsFailure(
        GatewayReason.INTERNAL_ERROR,
        "an AWS call failed in the gateway (" + e.getClass().getSimpleName() + ")",
        Optional.empty());
  }

  Refusal refusal() {
    return Refusal.of(reason, detail);
  }

  private static AwsFailure passing(String what) {
    return new AwsFailure(
        GatewayReason.SERVICE_UNAVAILABLE, what + SEND_AGAIN, Optional.of(RETRY_AFTER));
  }

  private static boolean busy(AwsServiceException e) {
    return e instanceof TransactionCanceledException cancelled
        && cancelled.hasCancellationReasons()
        && cancelled.cancellationReasons().stream()
            .map(CancellationReason::code)
            .anyMatch(BUSY_CANCELLATIONS::contains);
  }

  private static String serviceName(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().serviceName() == null
        ? "an AWS service"
        : e.awsErrorDetails().serviceName();
  }

  private static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? "status " + e.statusCode()
        : e.awsErrorDetails().errorCode();
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}

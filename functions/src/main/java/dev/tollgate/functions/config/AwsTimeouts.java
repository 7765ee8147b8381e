package dev.tollgate.functions.config;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * How long one AWS call may take: each HTTP attempt ({@code attempt}) and the whole call with the
 * SDK's retries and their backoff ({@code call}). Without them a throttled call backs off for tens
 * of seconds and a stalled connection waits for the socket timeout, past the gateway function's 15
 * s; with them the call fails in time for the gateway to answer 503.
 */
public record AwsTimeouts(Duration attempt, Duration call) {
  /**
   * The default attempt timeout, as a setting: generous for one DynamoDB or KMS round trip (a few
   * milliseconds), tight enough that a stalled one is retried in time.
   */
  public static final String DEFAULT_ATTEMPT = "2s";

  /** The default call timeout: three calls in a row still leave a 15 s function time to answer. */
  public static final String DEFAULT_CALL = "4s";

  public AwsTimeouts {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(call, "call");
    if (attempt.isNegative() || attempt.isZero()) {
      throw new IllegalArgumentException("the attempt timeout must be positive, got " + attempt);
    }
    if (call.compareTo(attempt) < 0) {
      throw new IllegalArgumentException(
          "the call timeout ("
              + call
              + ") must not be shorter than the attempt timeout "
              + attempt);
    }
  }

  /**
   * The timeouts of {@code service} ({@code dynamodb}, {@code kms}) from its {@code
   * tollgate.<service>.attempt-timeout} and {@code call-timeout} settings, each defaulting.
   */
  static AwsTimeouts of(String service, Duration attempt, Duration call) {
    try {
      return new AwsTimeouts(attempt, call);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tollgate." + service + ": " + e.getMessage(), e);
    }
  }

  void applyTo(ClientOverrideConfiguration.Builder override) {
    override.apiCallAttemptTimeout(attempt).apiCallTimeout(call);
  }
}

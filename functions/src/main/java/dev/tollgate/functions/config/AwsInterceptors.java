package dev.tollgate.functions.config;

import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Interceptors added to the AWS clients the gateway builds, per service, after the SDK's own. The
 * gateway registers none; a bean of this type registered with the context before it starts adds
 * them, so a caller can observe or disturb the calls of the very clients the gateway configured,
 * their retries and timeouts included (the fault-injection tests do).
 */
public record AwsInterceptors(List<ExecutionInterceptor> dynamo, List<ExecutionInterceptor> kms) {
  public AwsInterceptors {
    dynamo = List.copyOf(dynamo);
    kms = List.copyOf(kms);
  }

  public static AwsInterceptors none() {
    return new AwsInterceptors(List.of(), List.of());
  }

  public static AwsInterceptors forDynamo(ExecutionInterceptor... interceptors) {
    return new AwsInterceptors(List.of(interceptors), List.of());
  }

  public static AwsInterceptors forKms(ExecutionInterceptor... interceptors) {
    return new AwsInterceptors(List.of(), List.of(interceptors));
  }
}

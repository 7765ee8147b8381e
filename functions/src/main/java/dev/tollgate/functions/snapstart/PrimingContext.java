package dev.tollgate.functions.snapstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda context of a priming invocation: no runtime hands one over before a snapshot, so the
 * gateway makes its own, named so that its log lines read as priming, not as a client's request.
 */
record PrimingContext(String awsRequestId) implements Context {
  private static final LambdaLogger DISCARD =
      new LambdaLogger() {
        @Override
        public void log(String message) {
          // the gateway logs through slf4j; nothing writes here
        }

        @Override
        public void log(byte[] message) {
          // as above
        }
      };

  @Override
  public String getAwsRequestId() {
    return awsRequestId;
  }

  @Override
  public String getLogGroupName() {
    return null;
  }

  @Override
  public String getLogStreamName() {
    return null;
  }

  @Override
  public String getFunctionName() {
    return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
  }

  @Override
  public String getFunctionVersion() {
    return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
  }

  @Override
  public String getInvokedFunctionArn() {
    return null;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 30_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    String configured = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
    try {
      return configured == null ? 0 : Integer.parseInt(configured.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public LambdaLogger getLogger() {
    return DISCARD;
  }
}

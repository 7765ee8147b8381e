package dev.tollgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.slf4j.MDC;

/**
 * The Lambda handler behind the HTTP API (payload format 2.0): every controller of the gateway, one
 * function. The deployment names this class; the Lambda runtime uses the no-argument constructor.
 *
 * <p>In tests, build the context as the runtime would, with extra properties, and close it after:
 *
 * <pre>{@code
 * try (ApplicationContext context = GatewayHandler.contextBuilder().properties(props).build()) {
 *   GatewayHandler handler = new GatewayHandler(context);
 *   handler.handleRequest(event, lambdaContext);
 * }
 * }</pre>
 */
public class GatewayHandler extends APIGatewayV2HTTPEventFunction {

  /** The Lambda runtime's constructor: builds and starts the context from the configuration. */
  public GatewayHandler() {
    super();
  }

  /**
   * Runs on {@code context}, starting it if it is not running yet. The caller closes the context.
   */
  public GatewayHandler(ApplicationContext context) {
    super(context);
  }

  /**
   * A builder for the context the no-argument constructor builds: the {@code function} and {@code
   * lambda} environments, eager initialisation (the work is done in Lambda's init phase, not in the
   * first request). Add properties, {@code build()} it and pass it to {@link
   * #GatewayHandler(ApplicationContext)}.
   */
  public static ApplicationContextBuilder contextBuilder() {
    ApplicationContextBuilder builder = new LambdaApplicationContextBuilder();
    return builder.packages(GatewayHandler.class.getPackageName());
  }

  /**
   * Serves one invocation. Micronaut puts the Lambda context (AWSRequestId, AWSFunctionName, ...)
   * in the invoking thread's MDC; it is cleared afterwards, so that nothing logged between
   * invocations carries the previous invocation's fields.
   */
  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent input, Context context) {
    try {
      return super.handleRequest(input, context);
    } finally {
      MDC.clear();
    }
  }
}

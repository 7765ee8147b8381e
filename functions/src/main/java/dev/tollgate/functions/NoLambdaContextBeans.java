package dev.tollgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Stops the handler from registering each invocation's Lambda {@link Context} and its logger as
 * beans.
 *
 * <p>micronaut-function-aws's {@link DefaultLambdaContextFactory} calls {@code registerSingleton}
 * for both on every invocation, and since Micronaut 4 {@code registerSingleton} always adds a new
 * bean definition, never replaces one. A warm container so gains two bean definitions per request,
 * never released, and every later bean lookup (the handler makes several per request) walks all of
 * them: the cost of a request grows with the number served before it. Measured through the handler
 * on a busy machine, {@code GET /health} took 7.5 ms per request after 1,000 invocations and 22 ms
 * after 8,000, against 0.4 ms without these beans (BENCHMARKS.md, the paid-requests section).
 *
 * <p>The gateway injects neither bean, so none is registered. The request's AWS fields still reach
 * the logging MDC: that is micronaut's {@code DiagnosticInfoPopulator}, which this leaves alone.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public class NoLambdaContextBeans implements LambdaContextFactory {

  @Override
  public void registerSingletons(Context context) {
    // deliberately nothing: see the class comment
  }
}

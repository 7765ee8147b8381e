package dev.tollgate.sample.load;

import java.util.Map;
import java.util.Optional;

/**
 * One scenario's figures. {@code calls} counts calls answered {@code 200}; {@code latency} is the
 * whole call as the caller sees it (for a paid call, the 402 and the paid request together), and
 * {@code paidRequest}/{@code quote} the two halves of it. CPU seconds are what the stack's process
 * and the load generator's own used while the scenario ran.
 */
record ScenarioResult(
    String name,
    long calls,
    double seconds,
    Latencies.Summary latency,
    Optional<Latencies.Summary> paidRequest,
    Optional<Latencies.Summary> quote,
    Map<String, Long> errors,
    Optional<Double> stackCpuSeconds,
    Optional<Double> payersCpuSeconds) {

  ScenarioResult {
    errors = Map.copyOf(errors);
  }

  double perSecond() {
    return calls / seconds;
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }
}

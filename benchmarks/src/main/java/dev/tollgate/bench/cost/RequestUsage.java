package dev.tollgate.bench.cost;

/**
 * What one request uses of each billed AWS resource, on average. Fractions are expectations (a
 * cache miss on some requests, a container start every so many).
 *
 * @param apiRequests HTTP API requests
 * @param lambdaInvocations invocations of the gateway function
 * @param lambdaBilledMs billed duration of each invocation (Lambda rounds up to the millisecond)
 * @param lambdaMemoryMb the function's memory
 * @param writeUnits DynamoDB write request units, transaction and index together
 * @param readUnits DynamoDB read request units
 * @param kmsAsymmetric KMS requests on the asymmetric key (Sign, GetPublicKey)
 * @param kmsSymmetric KMS requests on the symmetric key (Decrypt)
 * @param secretReads Secrets Manager reads (at container start)
 * @param logBytes bytes ingested into CloudWatch Logs (the gateway's line, Lambda's own lines and
 *     the HTTP API's access log line)
 * @param storedBytes bytes DynamoDB keeps afterwards, with its per-item overhead
 */
public record RequestUsage(
    double apiRequests,
    double lambdaInvocations,
    double lambdaBilledMs,
    int lambdaMemoryMb,
    double writeUnits,
    double readUnits,
    double kmsAsymmetric,
    double kmsSymmetric,
    double secretReads,
    double logBytes,
    double storedBytes) {

  private static final String[] NAMES = {
    "apiRequests",
    "lambdaInvocations",
    "lambdaBilledMs",
    "writeUnits",
    "readUnits",
    "kmsAsymmetric",
    "kmsSymmetric",
    "secretReads",
    "logBytes",
    "storedBytes"
  };

  public RequestUsage {
    double[] values = {
      apiRequests,
      lambdaInvocations,
      lambdaBilledMs,
      writeUnits,
      readUnits,
      kmsAsymmetric,
      kmsSymmetric,
      secretReads,
      logBytes,
      storedBytes
    };
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i]) || values[i] < 0) {
        throw new IllegalArgumentException(
            NAMES[i] + " must be finite and not negative, got " + values[i]);
      }
    }
    if (lambdaMemoryMb < 128 || lambdaMemoryMb > 10_240) {
      throw new IllegalArgumentException(
          "Lambda memory must be 128..10240 MB, got " + lambdaMemoryMb);
    }
    if (lambdaBilledMs != Math.ceil(lambdaBilledMs)) {
      throw new IllegalArgumentException(
          "Lambda bills whole milliseconds, got " + lambdaBilledMs + " ms");
    }
  }

  /** Lambda's compute of one request, in GB-seconds. */
  public double gbSeconds() {
    return lambdaInvocations * (lambdaBilledMs / 1000.0) * (lambdaMemoryMb / 1024.0);
  }
}

package dev.tollgate.bench.cost;

import dev.tollgate.bench.cost.Source.Assumed;
import dev.tollgate.bench.cost.Source.Configured;
import dev.tollgate.bench.cost.Source.FromMemory;
import dev.tollgate.bench.cost.Source.Measured;
import java.util.List;

/**
 * What the gateway does per request, from Tollgate's code and measurements plus the stated
 * assumptions about AWS's latencies, turned into {@link RequestUsage} for a signer mode and a
 * bound. A paid request is one invocation of the gateway function behind one HTTP API request: the
 * paywall checks the quote and the payer's create, countersigns it, resolves the transfer with the
 * preimage and writes everything in one {@code TransactWriteItems} ({@code PaidRequests.settle},
 * {@code InboundUpdates.accept}, {@code DynamoDbChannelStore.write}).
 */
public final class GatewayProfile {
  private static final String ON = "2026-11-21";
  private static final String PAID_LOAD =
      "java -Xmx2g -cp \"benchmarks/target/test-classes:$(cat"
          + " benchmarks/target/paid-requests.classpath)\" dev.tollgate.bench.PaidRequestLoad"
          + " (BENCHMARKS.md, \"Paid requests in-process\")";

  public static final Figure MEMORY_MB =
      new Figure(
          "gateway function memory",
          1024,
          "MB",
          new Configured("infra FunctionSpec.GATEWAY (arm64, GatewayFunction)"));

  public static final Figure CPU_MS_LOW =
      new Figure(
          "gateway's own time per paid request, outside DynamoDB (fastest run)",
          0.608,
          "ms",
          new Measured(PAID_LOAD + ", run C, local signer, 1 channel", ON));

  public static final Figure CPU_MS_HIGH =
      new Figure(
          "gateway's own time per paid request, outside DynamoDB (slowest run)",
          0.865,
          "ms",
          new Measured(PAID_LOAD + ", run C, wrapped signer, 4 threads", ON));

  public static final Figure QUOTE_MS_LOW =
      new Figure(
          "402 quote, handler p50 (fastest run)",
          0.097,
          "ms",
          new Measured(PAID_LOAD + ", run B, local signer", ON));

  public static final Figure QUOTE_MS_HIGH =
      new Figure(
          "402 quote, handler p50 (slowest run)",
          0.158,
          "ms",
          new Measured(PAID_LOAD + ", run B, wrapped signer", ON));

  public static final Figure VCPU_AT_1024_MB =
      new Figure(
          "share of a vCPU at 1,024 MB",
          1024.0 / 1769.0,
          "vCPU",
          new FromMemory(
              "Lambda gives a full vCPU at 1,769 MB and CPU in proportion to memory below it; a"
                  + " Graviton core is taken as fast as the EPYC core the time was measured on"));

  public static final Figure TRANSACTION_MS_LOW =
      new Figure(
          "TransactWriteItems of four items in three tables, in-region (low)",
          5,
          "ms",
          new Assumed(
              "DynamoDB's single-digit milliseconds for a write; not measured against AWS"));

  public static final Figure TRANSACTION_MS_HIGH =
      new Figure(
          "TransactWriteItems of four items in three tables, in-region (high)",
          15,
          "ms",
          new Assumed("a transaction commits in two phases across three tables"));

  public static final Figure GET_ITEM_MS =
      new Figure(
          "strongly consistent GetItem of the channel, in-region",
          5,
          "ms",
          new Assumed("only on a cache miss; not measured against AWS"));

  public static final Figure KMS_SIGN_MS_LOW =
      new Figure(
          "KMS Sign, ECC_SECG_P256K1, in-region (low)",
          8,
          "ms",
          new Assumed("an HSM signature behind an HTTPS call; not measured against AWS"));

  public static final Figure KMS_SIGN_MS_HIGH =
      new Figure(
          "KMS Sign, ECC_SECG_P256K1, in-region (high)",
          25,
          "ms",
          new Assumed("the tail of the same; moto's timings say nothing about AWS"));

  public static final Figure SIGNATURES_PER_PAYMENT =
      new Figure(
          "gateway signatures per paid request",
          2,
          "signatures",
          new Configured(
              "InboundUpdates.accept: ChannelParty.countersign of the payer's create, then"
                  + " ChannelParty.propose of the resolve (resolveCreated); each signs once"));

  public static final Figure CACHE_MISS_LOW =
      new Figure(
          "paid requests whose channel is not in the container's cache (low)",
          0,
          "share",
          new Assumed("a payer's requests keep reaching a container that served it before"));

  public static final Figure CACHE_MISS_HIGH =
      new Figure(
          "paid requests whose channel is not in the container's cache (high)",
          1,
          "share",
          new Assumed("every request reaches a container that has not seen the channel"));

  public static final Figure REQUESTS_PER_CONTAINER_START =
      new Figure(
          "requests served per container start (high end of KMS and Secrets Manager reads)",
          1_000,
          "requests",
          new Assumed(
              "as if SnapStart were off; with SnapStart (GatewayFunction) the init phase, which"
                  + " decrypts the key and reads the secrets, runs once per published version,"
                  + " so the low end counts none"));

  public static final Figure SECRETS_PER_START =
      new Figure(
          "secrets read per container start",
          2,
          "secrets",
          new Configured("GatewaySecrets: the paywall secret and the operator token"));

  public static final Figure GATEWAY_LOG_LINE_BYTES =
      new Figure(
          "the gateway's JSON log line per paid request",
          611,
          "bytes",
          new Measured(
              "grep '\"pay accepted\"' benchmarks/target/paid-requests.log | awk '{s+=length($0)+1}"
                  + " END {print s/NR}' (18,000 lines of the paid-request benchmark)",
              ON));

  public static final Figure DEPLOYED_NAMES_BYTES =
      new Figure(
          "longer function name and ARN in that line when deployed",
          70,
          "bytes",
          new Assumed(
              "the benchmark's function is 'tollgate-gateway'; CDK names it about 35 characters"
                  + " longer, and the name appears twice"));

  public static final Figure PLATFORM_LOG_BYTES =
      new Figure(
          "Lambda's START, END and REPORT lines per invocation",
          260,
          "bytes",
          new Assumed("counted on the text format with a request id and typical figures"));

  public static final Figure ACCESS_LOG_BYTES =
      new Figure(
          "the HTTP API's access log line per request",
          170,
          "bytes",
          new Configured("GatewayApi's access log format, counted with typical values"));

  public static final PaidWriteItems ITEMS = PaidWriteItems.MEASURED;

  private GatewayProfile() {}

  /** Every figure, in the order the document lists them. */
  public static List<Figure> figures() {
    return List.of(
        MEMORY_MB,
        CPU_MS_LOW,
        CPU_MS_HIGH,
        QUOTE_MS_LOW,
        QUOTE_MS_HIGH,
        VCPU_AT_1024_MB,
        TRANSACTION_MS_LOW,
        TRANSACTION_MS_HIGH,
        GET_ITEM_MS,
        KMS_SIGN_MS_LOW,
        KMS_SIGN_MS_HIGH,
        SIGNATURES_PER_PAYMENT,
        CACHE_MISS_LOW,
        CACHE_MISS_HIGH,
        REQUESTS_PER_CONTAINER_START,
        SECRETS_PER_START,
        GATEWAY_LOG_LINE_BYTES,
        DEPLOYED_NAMES_BYTES,
        PLATFORM_LOG_BYTES,
        ACCESS_LOG_BYTES);
  }

  /** One paid request in {@code mode}, at {@code bound} of the assumptions. */
  public static RequestUsage paid(SignerMode mode, Bound bound) {
    boolean low = bound == Bound.LOW;
    double miss = (low ? CACHE_MISS_LOW : CACHE_MISS_HIGH).value();
    double kmsSigns = mode == SignerMode.KMS ? SIGNATURES_PER_PAYMENT.value() : 0;
    double starts = low ? 0 : 1 / REQUESTS_PER_CONTAINER_START.value();
    double ms =
        (low ? CPU_MS_LOW : CPU_MS_HIGH).value() / VCPU_AT_1024_MB.value()
            + (low ? TRANSACTION_MS_LOW : TRANSACTION_MS_HIGH).value()
            + miss * GET_ITEM_MS.value()
            + kmsSigns * (low ? KMS_SIGN_MS_LOW : KMS_SIGN_MS_HIGH).value();
    return new RequestUsage(
        1,
        1,
        Math.ceil(ms),
        (int) MEMORY_MB.value(),
        ITEMS.transactionalWriteUnits() + ITEMS.indexWriteUnits(),
        miss * ITEMS.channelReadUnits(),
        // a container start reads the signing key's public key in the kms mode
        kmsSigns + (mode == SignerMode.KMS ? starts : 0),
        mode == SignerMode.WRAPPED ? starts : 0,
        starts * SECRETS_PER_START.value(),
        GATEWAY_LOG_LINE_BYTES.value()
            + DEPLOYED_NAMES_BYTES.value()
            + PLATFORM_LOG_BYTES.value()
            + ACCESS_LOG_BYTES.value(),
        ITEMS.storedBytesAdded());
  }

  /**
   * The unpaid request that fetches the 402 and its quote: an HMAC'd quote, nothing stored, nothing
   * signed, no log line of the gateway's own ({@code PaidRequests.challenge}). The payer client
   * makes one before every payment ({@code PaidCalls.send}).
   */
  public static RequestUsage quote(Bound bound) {
    double ms =
        (bound == Bound.LOW ? QUOTE_MS_LOW : QUOTE_MS_HIGH).value() / VCPU_AT_1024_MB.value();
    return new RequestUsage(
        1,
        1,
        Math.ceil(ms),
        (int) MEMORY_MB.value(),
        0,
        0,
        0,
        0,
        0,
        PLATFORM_LOG_BYTES.value() + ACCESS_LOG_BYTES.value(),
        0);
  }
}

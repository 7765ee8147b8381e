package dev.tollgate.infra.stack;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What differs between the gateway's Lambda functions: the handler class (all four come from the
 * same package), memory, timeout and whether runs must not overlap.
 *
 * @param reservedConcurrency empty: scale freely; 1: one run at a time (the watcher's cursor and
 *     the keeper's chain steps are serial by nature)
 */
public record FunctionSpec(
    String id,
    String handler,
    int memoryMb,
    int timeoutSeconds,
    OptionalInt reservedConcurrency,
    String description) {

  /**
   * The HTTP API's function. 1,024 MB: Lambda's CPU share grows with memory, and a paid request is
   * CPU-bound between its two DynamoDB round trips (about 155 µs of signing and hashing per payment
   * on one core here, BENCHMARKS.md), so less memory stretches every request while more buys little
   * once the handler is warm. The HTTP API gives up after 30 s; 15 s leaves a slow DynamoDB retry
   * room to answer.
   */
  public static final FunctionSpec GATEWAY =
      new FunctionSpec(
          "Gateway",
          "dev.tollgate.functions.GatewayHandler",
          1024,
          15,
          OptionalInt.empty(),
          "Tollgate gateway: the HTTP API (channels, x402 paywall, facilitator, operator reports)");

  /** Reads logs up to 10 ranges per run: a few RPC calls and one SQS batch per range. */
  public static final FunctionSpec WATCHER =
      new FunctionSpec(
          "Watcher",
          "dev.tollgate.functions.events.WatcherHandler",
          512,
          120,
          OptionalInt.of(1),
          "Tollgate chain watcher: confirmed logs of the gateway's channels to the event queue");

  /**
   * Answers disputes on chain, so its timeout covers sending a transaction and waiting for its
   * receipt ({@link #SENDER_RECEIPT_SECONDS}); a slower mining is left to the keeper's next run.
   */
  public static final FunctionSpec PROCESSOR =
      new FunctionSpec(
          "Processor",
          "dev.tollgate.functions.events.EventProcessorHandler",
          1024,
          300,
          OptionalInt.empty(),
          "Tollgate event processor: deposits, disputes (defence on chain) and withdrawals");

  public static final FunctionSpec KEEPER =
      new FunctionSpec(
          "Keeper",
          "dev.tollgate.functions.disputes.DisputeKeeperHandler",
          1024,
          300,
          OptionalInt.of(1),
          "Tollgate dispute keeper: dispute steps as their windows open, claims on idle channels");

  /**
   * How long a chain transaction's sender waits for its receipt inside the processor and the
   * keeper: a minute short of their timeout, so a run ends by itself and the transaction, recorded
   * before it was sent, is resumed by the keeper's next run.
   */
  public static final int SENDER_RECEIPT_SECONDS = 240;

  public FunctionSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(reservedConcurrency, "reservedConcurrency");
    Objects.requireNonNull(description, "description");
    if (memoryMb < 128 || memoryMb > 10_240) {
      throw new IllegalArgumentException("memoryMb must be 128..10240, got " + memoryMb);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 900) {
      throw new IllegalArgumentException("timeoutSeconds must be 1..900, got " + timeoutSeconds);
    }
  }
}

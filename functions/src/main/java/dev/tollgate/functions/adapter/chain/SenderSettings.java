package dev.tollgate.functions.adapter.chain;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TransactionSender} sends and waits.
 *
 * @param gasMarginPercent added to the node's gas estimate, for state that changes before mining
 * @param pollInterval between receipt polls
 * @param stuckAfter unmined this long after the last broadcast, the transaction is replaced
 * @param feeBumpBasisPoints how much a replacement raises both fee caps (nodes demand 10%)
 * @param maxReplacements replacements per nonce at most, so fees cannot climb without bound
 * @param receiptTimeout how long {@code send} waits in all before giving up (the transaction stays
 *     recorded; {@code resume} picks it up)
 * @param reserveAttempts tries at taking a nonce while other senders keep taking them first
 */
public record SenderSettings(
    int gasMarginPercent,
    Duration pollInterval,
    Duration stuckAfter,
    int feeBumpBasisPoints,
    int maxReplacements,
    Duration receiptTimeout,
    int reserveAttempts) {
  /** Nodes refuse a replacement that raises the fees by less than 10%. */
  public static final int MIN_FEE_BUMP_BASIS_POINTS = 1_000;

  public SenderSettings {
    if (gasMarginPercent < 0) {
      throw new IllegalArgumentException(
          "gasMarginPercent must not be negative, got " + gasMarginPercent);
    }
    positive(pollInterval, "pollInterval");
    positive(stuckAfter, "stuckAfter");
    positive(receiptTimeout, "receiptTimeout");
    if (feeBumpBasisPoints < MIN_FEE_BUMP_BASIS_POINTS) {
      throw new IllegalArgumentException(
          "feeBumpBasisPoints must be at least "
              + MIN_FEE_BUMP_BASIS_POINTS
              + " (nodes refuse smaller replacements), got "
              + feeBumpBasisPoints);
    }
    if (maxReplacements < 0) {
      throw new IllegalArgumentException(
          "maxReplacements must not be negative, got " + maxReplacements);
    }
    if (reserveAttempts < 1) {
      throw new IllegalArgumentException(
          "reserveAttempts must be at least 1, got " + reserveAttempts);
    }
  }

  /**
   * Production defaults: 20% gas margin, polls every 250 ms, replaces after 30 s unmined with fees
   * 12.5% higher, at most 8 times, gives up waiting after 10 minutes.
   */
  public static SenderSettings defaults() {
    return new SenderSettings(
        20, Duration.ofMillis(250), Duration.ofSeconds(30), 1_250, 8, Duration.ofMinutes(10), 50);
  }

  public SenderSettings withPollInterval(Duration interval) {
    return new SenderSettings(
        gasMarginPercent,
        interval,
        stuckAfter,
        feeBumpBasisPoints,
        maxReplacements,
        receiptTimeout,
        reserveAttempts);
  }

  public SenderSettings withStuckAfter(Duration after) {
    return new SenderSettings(
        gasMarginPercent,
        pollInterval,
        after,
        feeBumpBasisPoints,
        maxReplacements,
        receiptTimeout,
        reserveAttempts);
  }

  public SenderSettings withReceiptTimeout(Duration timeout) {
    return new SenderSettings(
        gasMarginPercent,
        pollInterval,
        stuckAfter,
        feeBumpBasisPoints,
        maxReplacements,
        timeout,
        reserveAttempts);
  }

  public SenderSettings withMaxReplacements(int replacements) {
    return new SenderSettings(
        gasMarginPercent,
        pollInterval,
        stuckAfter,
        feeBumpBasisPoints,
        replacements,
        receiptTimeout,
        reserveAttempts);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}

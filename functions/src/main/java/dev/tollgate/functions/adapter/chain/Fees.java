package dev.tollgate.functions.adapter.chain;

import java.math.BigInteger;
import java.util.Objects;

/** The two EIP-1559 fee caps of a transaction, in wei per gas. */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
  private static final BigInteger BASIS = BigInteger.valueOf(10_000);

  public Fees {
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    if (maxPriorityFeePerGas.signum() < 0) {
      throw new IllegalArgumentException(
          "maxPriorityFeePerGas must not be negative, got " + maxPriorityFeePerGas);
    }
    if (maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
      throw new IllegalArgumentException(
          "maxFeePerGas "
              + maxFeePerGas
              + " is below maxPriorityFeePerGas "
              + maxPriorityFeePerGas
              + "; nodes refuse such a transaction");
    }
  }

  /**
   * What the market asks now: the tip it suggests, and room for the base fee to double before the
   * transaction is mined (it can grow 12.5% per block).
   */
  public static Fees market(BigInteger baseFee, BigInteger tip) {
    return new Fees(baseFee.shiftLeft(1).add(tip), tip);
  }

  /** Both caps raised by {@code basisPoints}/10,000, rounded up, and by at least one wei. */
  public Fees bumped(int basisPoints) {
    if (basisPoints <= 0) {
      throw new IllegalArgumentException("a fee bump must be positive, got " + basisPoints);
    }
    return new Fees(raise(maxFeePerGas, basisPoints), raise(maxPriorityFeePerGas, basisPoints));
  }

  /** Each cap the larger of the two. */
  public Fees atLeast(Fees other) {
    return new Fees(
        maxFeePerGas.max(other.maxFeePerGas), maxPriorityFeePerGas.max(other.maxPriorityFeePerGas));
  }

  private static BigInteger raise(BigInteger value, int basisPoints) {
    BigInteger scaled = value.multiply(BASIS.add(BigInteger.valueOf(basisPoints)));
    BigInteger[] qr = scaled.divideAndRemainder(BASIS);
    BigInteger raised = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return raised.max(value.add(BigInteger.ONE));
  }
}

package dev.tollgate.bench.cost;

import dev.tollgate.bench.cost.Source.Measured;
import java.util.Objects;

/**
 * Gas of a channel's whole life, as the contracts module measures it on anvil ({@code
 * GasFiguresTest}, written to {@code contracts/target/gas-report.md} and copied into
 * BENCHMARKS.md). Exact for the committed bytecode.
 */
public record ChainGas(
    long bobDeposit,
    long aliceApprove,
    long createChannelAndDepositAlice,
    long cooperativeWithdraw,
    long disputeChannel,
    long defundChannel,
    long exitAlice,
    long exitBob,
    long erc20Transfer,
    Source source) {

  public static final ChainGas MEASURED =
      new ChainGas(
          51_555,
          46_353,
          189_992,
          110_265,
          156_352,
          142_699,
          68_821,
          47_438,
          34_443,
          new Measured(
              "./mvnw -pl contracts -am verify -Dtest=GasFiguresTest"
                  + " -Dsurefire.failIfNoSpecifiedTests=false",
              "2026-11-21, solc 0.8.37, anvil 1.7.1"));

  public ChainGas {
    long[] all = {
      bobDeposit,
      aliceApprove,
      createChannelAndDepositAlice,
      cooperativeWithdraw,
      disputeChannel,
      defundChannel,
      exitAlice,
      exitBob,
      erc20Transfer
    };
    for (long gas : all) {
      if (gas < 21_000) {
        throw new IllegalArgumentException("a transaction uses at least 21,000 gas, got " + gas);
      }
    }
    Objects.requireNonNull(source, "source");
  }

  /** How a channel ends. */
  public enum Close {
    /** Both parties sign a withdrawal each: two withdraw transactions. */
    COOPERATIVE,
    /** One party disputes, waits out the window, defunds and both exit. */
    DISPUTED
  }

  /** Bob's deposit, alice's approve of the factory, the factory's create-and-deposit. */
  public long open() {
    return bobDeposit + aliceApprove + createChannelAndDepositAlice;
  }

  public long close(Close close) {
    return switch (close) {
      case COOPERATIVE -> 2 * cooperativeWithdraw;
      case DISPUTED -> disputeChannel + defundChannel + exitAlice + exitBob;
    };
  }

  /** A channel's open and close, spread over the {@code payments} it carries. */
  public double perPayment(long payments, Close close) {
    if (payments < 1) {
      throw new IllegalArgumentException("a channel carries at least 1 payment, got " + payments);
    }
    return (double) (open() + close(close)) / payments;
  }
}
